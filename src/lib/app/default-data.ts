/**
 * Loads the embedded default dataset in two steps: the newest households year first (what the first
 * page shows), then, when asked, the other years and the aid requests. Every file goes through the same validation
 * as a user's file. All files are fetched at once, while DuckDB starts.
 */
import type { Connector } from '../db/connector.ts';
import { appendCsv, mergeReports, type DatasetReport } from '../data/load.ts';
import { AID_REQUESTS, HOUSEHOLDS } from '../data/schema.ts';
import type { ValidationReport } from '../data/validate.ts';
import type { DefaultManifest } from './manifest.ts';

/** User Timing marks (read by bench/first-table.ts; nothing leaves the page). */
const mark = (name: string) => globalThis.performance?.mark?.(`vigie: ${name}`);

export interface DefaultLoad {
	manifest: DefaultManifest;
	/** Resolves once the first households file is loaded. */
	first: Promise<DatasetReport>;
	/** Starts loading the other files (once, after the first) and resolves when all are in. Nothing competes
	 *  with the first page's queries until someone asks for the rest. */
	all: () => Promise<DatasetReport>;
}

export async function loadDefaultData(db: Promise<Connector>, fetchFile: (name: string) => Promise<Uint8Array>): Promise<DefaultLoad> {
	const manifest = JSON.parse(new TextDecoder().decode(await fetchFile('manifest.json'))) as DefaultManifest;
	const bytes = new Map(manifest.files.map((f) => [f.name, fetchFile(f.name)]));
	const reports: ValidationReport[] = [];
	const snapshot = (): DatasetReport => {
		const hh = reports.filter((r) => r.kind === 'households');
		const ar = reports.filter((r) => r.kind === 'aid_requests');
		return { households: mergeReports('households', hh), aid_requests: ar.length ? mergeReports('aid_requests', ar) : undefined, files: [...reports] };
	};
	const loadOne = async (f: DefaultManifest['files'][number]) => {
		const conn = await db;
		await conn.registerFile(f.name, await bytes.get(f.name)!);
		mark(`${f.name} fetched`);
		const r = await appendCsv(conn, f.kind === 'households' ? HOUSEHOLDS : AID_REQUESTS, f.name);
		mark(`${f.name} loaded`);
		await conn.dropFile(f.name);
		if (r.fatal) throw new Error(r.fatal);
		reports.push(r);
	};
	const [head, ...rest] = manifest.files;
	const first = loadOne(head).then(snapshot);
	let rest_: Promise<DatasetReport> | null = null;
	const all = () =>
		(rest_ ??= first.then(async () => {
			for (const f of rest) await loadOne(f);
			return snapshot();
		}));
	return { manifest, first, all };
}
