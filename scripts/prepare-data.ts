/**
 * Writes the app's embedded default data into static/data (not committed; made at dev/build time):
 * the generated 93 dataset at 1/10 and one geography file per département.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../src/lib/synth/generate.ts';
import { writeCsv } from '../src/lib/synth/write.ts';
import { AID_REQUESTS, HOUSEHOLDS } from '../src/lib/data/schema.ts';
import type { DefaultManifest } from '../src/lib/app/manifest.ts';
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
const years = [...new Set(data.households.map((h) => h.year))].sort((a, b) => b - a);
const files = [];
for (const y of years) {
	const name = `households-${y}.csv`;
	writeCsv(join(OUT, name), HOUSEHOLDS.columns.map((c) => c.name), data.households.filter((h) => h.year === y));
	files.push({ kind: 'households', name, year: y });
}
writeCsv(join(OUT, 'aid_requests.csv'), AID_REQUESTS.columns.map((c) => c.name), data.aidRequests);
files.push({ kind: 'aid_requests', name: 'aid_requests.csv' });
rmSync(join(OUT, 'households.csv'), { force: true });
const manifest: DefaultManifest = {
	label: 'Jeu de données par défaut (synthétique, Seine-Saint-Denis au 1/10)',
	departement: '93',
	files
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 1));
console.log(`données par défaut : ${data.households.length} ménages, ${data.aidRequests.length} demandes → ${OUT} (${Math.round(performance.now() - t0)} ms)`);
