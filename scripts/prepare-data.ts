/**
 * Writes the app's embedded default data into static/data (not committed; made at dev/build time):
 * the generated 93 dataset at 1/10 and one geography file per département.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../src/lib/synth/generate.ts';
import { writeAppData } from '../src/lib/synth/write.ts';
import { departementCodes, departementGeography } from '../src/lib/territory/etalab.ts';
import { currentCode } from '../src/lib/territory/geography.ts';
import { createNativeConnector } from '../src/lib/db/native.ts';
import { appendCsv } from '../src/lib/data/load.ts';
import { HOUSEHOLDS } from '../src/lib/data/schema.ts';
import { computeFirstView, FIRST_VIEW_FILE } from '../src/lib/app/first-view.ts';

const OUT = 'static/data';
const t0 = performance.now();
mkdirSync(join(OUT, 'territory'), { recursive: true });
for (const dep of departementCodes()) writeFileSync(join(OUT, 'territory', `${dep}.json`), JSON.stringify(departementGeography(dep)));
const geo = departementGeography('93');
const data = generate({ departement: '93', sample: 0.1, seed: 1, communeOf: (c) => currentCode(geo, c) });
// One households file per year, newest first in the manifest: the page shows the latest year while the
// others load. Every file goes through the same validation in the page as a user's file would.
rmSync(join(OUT, 'households.csv'), { force: true });
const manifest = writeAppData(OUT, data, 'Jeu de données par défaut (synthétique, Seine-Saint-Denis au 1/10)', '93');
// The Territoire page's first view, computed now from the newest households file through the same validation.
const newest = manifest.files.find((f) => f.kind === 'households')!;
const db = await createNativeConnector();
await db.registerFile(newest.name, readFileSync(join(OUT, newest.name)));
const loaded = await appendCsv(db, HOUSEHOLDS, newest.name);
if (loaded.rejected || loaded.fatal) throw new Error(`${newest.name} : ${loaded.fatal ?? `${loaded.rejected} lignes rejetées`}`);
const view = await computeFirstView(db, geo, { label: manifest.label, departement: '93', year: newest.year!, synthetic: manifest.synthetic === true });
await db.close();
writeFileSync(join(OUT, FIRST_VIEW_FILE), JSON.stringify(view));
console.log(`données par défaut : ${data.households.length} ménages, ${data.aidRequests.length} demandes → ${OUT} (${Math.round(performance.now() - t0)} ms)`);
