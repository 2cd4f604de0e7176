/**
 * Writes the app's embedded default data into static/data (not committed; made at dev/build time):
 * the generated 93 dataset at 1/10 and one geography file per département.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../src/lib/synth/generate.ts';
import { writeAppData } from '../src/lib/synth/write.ts';
import { departementCodes, departementGeography } from '../src/lib/territory/etalab.ts';
import { currentCode } from '../src/lib/territory/geography.ts';

const OUT = 'static/data';
const t0 = performance.now();
mkdirSync(join(OUT, 'territory'), { recursive: true });
for (const dep of departementCodes()) writeFileSync(join(OUT, 'territory', `${dep}.json`), JSON.stringify(departementGeography(dep)));
const geo = departementGeography('93');
const data = generate({ departement: '93', sample: 0.1, seed: 1, communeOf: (c) => currentCode(geo, c) });
// One households file per year, newest first in the manifest: the page shows the latest year while the
// others load. Every file goes through the same validation in the page as a user's file would.
rmSync(join(OUT, 'households.csv'), { force: true });
writeAppData(OUT, data, 'Jeu de données par défaut (synthétique, Seine-Saint-Denis au 1/10)', '93');
console.log(`données par défaut : ${data.households.length} ménages, ${data.aidRequests.length} demandes → ${OUT} (${Math.round(performance.now() - t0)} ms)`);
