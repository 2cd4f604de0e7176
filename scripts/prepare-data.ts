/**
 * Writes the app's embedded default data into static/data (not committed; made at dev/build time):
 * the generated 93 dataset at 1/10 and one geography file per département.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../src/lib/synth/generate.ts';
import { writeDataset } from '../src/lib/synth/write.ts';
import { departementCodes, departementGeography } from '../src/lib/territory/etalab.ts';
import { currentCode } from '../src/lib/territory/geography.ts';

const OUT = 'static/data';
const t0 = performance.now();
mkdirSync(join(OUT, 'territory'), { recursive: true });
for (const dep of departementCodes()) writeFileSync(join(OUT, 'territory', `${dep}.json`), JSON.stringify(departementGeography(dep)));
const geo = departementGeography('93');
const data = generate({ departement: '93', sample: 0.1, seed: 1, communeOf: (c) => currentCode(geo, c) });
writeDataset(OUT, data);
console.log(`données par défaut : ${data.households.length} ménages, ${data.aidRequests.length} demandes → ${OUT} (${Math.round(performance.now() - t0)} ms)`);
