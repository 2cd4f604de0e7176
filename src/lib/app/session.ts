/**
 * One browser session: a lazily created DuckDB connector, the loaded dataset and its validation
 * reports, and the queries pages need, returned as plain typed results. Pages hold no SQL; this
 * module imports nothing from Svelte (the context wrapper is in ui/session-context.ts).
 */
import type { Connector } from '../db/connector.ts';
import { loadDataset, type DatasetReport } from '../data/load.ts';
import { runIndicators, type IndicatorValue } from '../indicators/run.ts';
import type { DepartementGeography } from '../territory/geography.ts';

export interface SessionDeps {
	createConnector: () => Promise<Connector>;
	/** Fetches a file of the default dataset by name (households.csv, territory/93.json…). */
	fetchFile: (name: string) => Promise<Uint8Array>;
}

export interface DatasetInfo {
	label: string;
	departements: string[];
	years: number[];
	communes: string[];
	report: DatasetReport;
	/** Milliseconds spent fetching, validating and loading. */
	loadMs: number;
}

export class Session {
	#deps: SessionDeps;
	#db: Promise<Connector> | null = null;
	#dataset: Promise<DatasetInfo> | null = null;
	#geo = new Map<string, Promise<DepartementGeography>>();

	constructor(deps: SessionDeps) {
		this.#deps = deps;
	}

	db(): Promise<Connector> {
		this.#db ??= this.#deps.createConnector();
		return this.#db;
	}

	/** The loaded dataset; loads the embedded default (93 at 1/10) on first call. */
	dataset(): Promise<DatasetInfo> {
		this.#dataset ??= this.#loadDefault();
		return this.#dataset;
	}

	async #loadDefault(): Promise<DatasetInfo> {
		const t0 = performance.now();
		const [db, hh, ar] = await Promise.all([
			this.db(),
			this.#deps.fetchFile('households.csv'),
			this.#deps.fetchFile('aid_requests.csv')
		]);
		await db.registerFile('households.csv', hh);
		await db.registerFile('aid_requests.csv', ar);
		const report = await loadDataset(db, { households: 'households.csv', aid_requests: 'aid_requests.csv' });
		if (report.households.fatal) throw new Error(report.households.fatal);
		const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((r) => r.year);
		const communes = (await db.query<{ commune: string }>('SELECT DISTINCT commune FROM households ORDER BY 1')).map((r) => r.commune);
		const departements = [...new Set(communes.map((c) => (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2))))];
		return { label: 'Jeu de données par défaut (synthétique, Seine-Saint-Denis au 1/10)', departements, years, communes, report, loadMs: performance.now() - t0 };
	}

	geography(dep: string): Promise<DepartementGeography> {
		let p = this.#geo.get(dep);
		if (!p) {
			p = this.#deps.fetchFile(`territory/${dep}.json`).then((b) => JSON.parse(new TextDecoder().decode(b)));
			this.#geo.set(dep, p);
		}
		return p;
	}

	async indicators(opts: { year?: number; group?: { code: string; communes: string[] } } = {}): Promise<IndicatorValue[]> {
		await this.dataset();
		return runIndicators(await this.db(), opts);
	}
}
