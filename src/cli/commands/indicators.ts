/** vigie indicators: the catalogue over a dataset folder, in the output contract of DESIGN.md §6. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeConnector } from '../../lib/db/node.ts';
import { loadDataset } from '../../lib/data/load.ts';
import { runIndicators } from '../../lib/indicators/run.ts';
import { toCsv } from '../../lib/synth/csv.ts';
import { print, readInput, UsageError } from '../common.ts';

export async function cmdIndicators(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			data: { type: 'string' },
			communes: { type: 'string' },
			year: { type: 'string' },
			format: { type: 'string', default: 'json' }
		}
	});
	if (!values.data) throw new UsageError('indicators : --data DIR est obligatoire');
	if (!['json', 'csv'].includes(values.format!)) throw new UsageError(`indicators : --format json ou csv (reçu « ${values.format} »)`);
	const db = await createNodeConnector();
	const hhFile = join(values.data, 'households.csv');
	await db.registerFile('households.csv', readInput(hhFile));
	const arFile = join(values.data, 'aid_requests.csv');
	const hasAid = existsSync(arFile);
	if (hasAid) await db.registerFile('aid_requests.csv', readFileSync(arFile));
	const report = await loadDataset(db, { households: 'households.csv', aid_requests: hasAid ? 'aid_requests.csv' : undefined });
	for (const r of [report.households, report.aid_requests]) {
		if (!r) continue;
		if (r.fatal) throw new UsageError(`${join(values.data, r.file)} : ${r.fatal}`);
		if (r.rejected)
			process.stderr.write(`vigie indicators : ${join(values.data, r.file)} : ${r.rejected} ligne(s) rejetée(s) sur ${r.read} (voir vigie validate)\n`);
	}
	let year: number | undefined;
	if (values.year) {
		year = Number(values.year);
		if (!Number.isInteger(year)) throw new UsageError(`indicators : --year doit être une année (reçu « ${values.year} »)`);
	}
	const communes = values.communes?.split(',').map((c) => c.trim()).filter(Boolean);
	for (const c of communes ?? [])
		if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) throw new UsageError(`indicators : --communes : code commune invalide « ${c} »`);
	const rows = await runIndicators(db, { year, group: communes?.length ? { code: communes.join('+'), communes } : undefined });
	if (values.format === 'csv') process.stdout.write(toCsv(Object.keys(rows[0] ?? { indicator: '' }), rows));
	else print(rows);
}

