/**
 * One browser session: a lazily created DuckDB connector, the loaded dataset and its validation
 * reports, and the queries pages need, returned as plain typed results. Pages hold no SQL; this
 * module imports nothing from Svelte (the context wrapper is in ui/session-context.ts).
 */
import type { Connector } from '../db/connector.ts';
import { ident } from '../db/connector.ts';
import type { DatasetReport } from '../data/load.ts';
import { importFile, type ImportedFile } from '../data/ingest/index.ts';
import { AID_REQUESTS, HOUSEHOLDS } from '../data/schema.ts';
import type { Indicator } from '../indicators/catalogue.ts';
import { loadDefaultData, type DefaultLoad } from './default-data.ts';
import { departementOf } from '../territory/geography.ts';
import { dataYears, runIndicators, type IndicatorValue, type RunOptions } from '../indicators/run.ts';
import { distribution, type Bin, type Measure } from '../indicators/distribution.ts';
import { parseFilosofi } from '../references/filosofi.ts';
import { referenceValues, type ReferenceOptions } from '../references/insee-values.ts';
import { parseContours, reconcileContours, type Reconciliation } from '../references/contours.ts';
import type { DepartementGeography } from '../territory/geography.ts';

/** An indicator that reads aid requests (they load after the first households file). */
const usesAidRequests = (i: Indicator) => i.from === 'aid_requests' || (i.kind === 'sum' && i.denominatorFrom === 'aid_requests');

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
	/** False while later files (other years, aid requests) are still loading. */
	complete: boolean;
	/** Milliseconds spent fetching, validating and loading. */
	loadMs: number;
}

/** A file chosen by the user on the Données page. */
export interface UserFile {
	name: string;
	data: Uint8Array;
}

export interface UserImport {
	/** Per kind given: the report (with mapping) and the original records, for the rejects file. */
	households?: ImportedFile;
	aid_requests?: ImportedFile;
	/** False when a file was refused whole: the data in use did not change. */
	applied: boolean;
	/** The dataset now in use. */
	info: DatasetInfo;
}

export class Session {
	#deps: SessionDeps;
	#db: Promise<Connector> | null = null;
	#first: Promise<DatasetInfo> | null = null;
	#all: Promise<DatasetInfo> | null = null;
	#load: Promise<DefaultLoad> | null = null;
	#t0: number | null = null;
	#geo = new Map<string, Promise<DepartementGeography>>();
	/** Runs share temp tables (territories, bases): one at a time. */
	#queue: Promise<unknown> = Promise.resolve();
	#references: IndicatorValue[] = [];
	#contours: Reconciliation | null = null;
	#user: UserImport | null = null;

	constructor(deps: SessionDeps) {
		this.#deps = deps;
	}

	db(): Promise<Connector> {
		this.#db ??= this.#deps.createConnector();
		return this.#db;
	}

	/**
	 * The loaded dataset, as soon as its first households file is in (the newest year of the embedded
	 * default, 93 at 1/10). The other years and the aid requests load when complete() is first called.
	 */
	dataset(): Promise<DatasetInfo> {
		return (this.#first ??= this.#info(this.#default().then((l) => l.first), false));
	}

	/** The dataset once every file is loaded (starts loading the rest on first call). */
	complete(): Promise<DatasetInfo> {
		return (this.#all ??= this.#info(this.#default().then((l) => l.all()), true));
	}

	#default(): Promise<DefaultLoad> {
		this.#t0 ??= performance.now();
		return (this.#load ??= loadDefaultData(this.db(), this.#deps.fetchFile));
	}

	async #info(report: Promise<DatasetReport>, complete: boolean): Promise<DatasetInfo> {
		const [l, r] = [await this.#default(), await report];
		return this.#describe(l.manifest.label, r, complete, this.#t0!);
	}

	async #describe(label: string, r: DatasetReport, complete: boolean, t0: number): Promise<DatasetInfo> {
		const db = await this.db();
		const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((x) => x.year);
		const communes = (await db.query<{ commune: string }>('SELECT DISTINCT commune FROM households ORDER BY 1')).map((x) => x.commune);
		const departements = [...new Set(communes.map(departementOf))];
		return { label, departements, years, communes, report: r, complete, loadMs: performance.now() - t0 };
	}

	/**
	 * Replaces the data in use by the user's files (a households file and/or an aid requests file), each
	 * through the import pre-step and validation. A file refused whole changes nothing. A households file
	 * alone drops the aid requests in use (they belonged to other households); an aid file alone keeps the
	 * households. Every page then computes on the new data.
	 */
	async loadUserFiles(files: { households?: UserFile; aid_requests?: UserFile }): Promise<UserImport> {
		const t0 = performance.now();
		const current = await this.complete();
		const db = await this.db();
		return this.#exclusive(async () => {
			const out: Partial<UserImport> = {};
			for (const [kind, contract] of [['households', HOUSEHOLDS], ['aid_requests', AID_REQUESTS]] as const) {
				const f = files[kind];
				if (f) out[kind] = await importFile(db, contract, { name: f.name, data: f.data }, `${kind}__user`);
			}
			const given = [out.households, out.aid_requests].filter((x) => x !== undefined);
			const applied = given.length > 0 && given.every((x) => !x.report.fatal);
			for (const kind of ['households', 'aid_requests'] as const) {
				if (!out[kind]) continue;
				if (applied) {
					await db.query(`DROP TABLE IF EXISTS ${ident(kind)}`);
					await db.query(`ALTER TABLE ${ident(`${kind}__user`)} RENAME TO ${ident(kind)}`);
				} else await db.query(`DROP TABLE IF EXISTS ${ident(`${kind}__user`)}`);
			}
			let info = current;
			if (applied) {
				if (out.households && !out.aid_requests) await db.query('DROP TABLE IF EXISTS aid_requests');
				const households = out.households?.report ?? current.report.households;
				const aid = out.aid_requests?.report ?? (out.households ? undefined : current.report.aid_requests);
				const report: DatasetReport = { households, aid_requests: aid, files: [households, ...(aid ? [aid] : [])] };
				const label = `Vos fichiers : ${[households.file, aid?.file].filter(Boolean).join(', ')}`;
				info = await this.#describe(label, report, true, t0);
				this.#first = this.#all = Promise.resolve(info);
			}
			const result: UserImport = { ...out, applied, info };
			if (applied) this.#user = result;
			return result;
		});
	}

	/** The user's import in use, if any (null on the default data). */
	userImport(): UserImport | null {
		return this.#user;
	}

	/** Back to the embedded default data (reloaded through validation, as on the first visit). */
	async resetToDefault(): Promise<DatasetInfo> {
		const db = await this.db();
		await this.#exclusive(async () => {
			for (const kind of ['households', 'aid_requests']) await db.query(`DROP TABLE IF EXISTS ${ident(kind)}`);
		});
		this.#user = null;
		this.#first = this.#all = this.#load = null;
		this.#t0 = null;
		return this.complete();
	}

	geography(dep: string): Promise<DepartementGeography> {
		let p = this.#geo.get(dep);
		if (!p) {
			p = this.#deps.fetchFile(`territory/${dep}.json`).then((b) => JSON.parse(new TextDecoder().decode(b)));
			this.#geo.set(dep, p);
		}
		return p;
	}

	/**
	 * Indicators of the households of one year. Runs as soon as that year is loaded (the newest year
	 * first); any other year, or aid indicators, wait for the whole dataset.
	 */
	async indicators(opts: RunOptions = {}): Promise<IndicatorValue[]> {
		const first = await this.dataset();
		const ready = (opts.year === undefined || first.years.includes(opts.year)) && !!opts.indicators?.every((i) => !usesAidRequests(i));
		if (!ready) await this.complete();
		const db = await this.db();
		return this.#exclusive(() => runIndicators(db, opts));
	}

	#exclusive<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(fn, fn);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	/** Years with households or aid requests (aid indicators have longer series). */
	async dataYears(): Promise<number[]> {
		await this.complete();
		return dataYears(await this.db());
	}

	/** The whole catalogue for each year, for the series of the indicator pages. */
	async indicatorSeries(opts: Omit<RunOptions, 'year'> & { years: readonly number[] }): Promise<Map<number, IndicatorValue[]>> {
		await this.complete();
		const db = await this.db();
		const out = new Map<number, IndicatorValue[]>();
		for (const year of opts.years) out.set(year, await this.#exclusive(() => runIndicators(db, { ...opts, year })));
		return out;
	}

	/** Weighted histogram behind a distribution indicator, secret bins masked. */
	async distribution(opts: { measure: Measure; year: number; communes?: readonly string[] }): Promise<Bin[]> {
		await this.complete();
		const db = await this.db();
		return this.#exclusive(() => distribution(db, opts));
	}

	/** Loads an INSEE base-cc file chosen by the user; its figures join the Indicateurs table. */
	loadReferenceFile(text: string, opts: ReferenceOptions = {}): IndicatorValue[] {
		this.#references = referenceValues(parseFilosofi(text), opts);
		return this.#references;
	}

	references(): IndicatorValue[] {
		return this.#references;
	}

	/** Loads commune contours chosen by the user (GeoJSON), reconciled with the current geography. */
	loadContours(text: string, geo: DepartementGeography): Reconciliation {
		this.#contours = reconcileContours(parseContours(text), geo);
		return this.#contours;
	}

	contours(): Reconciliation | null {
		return this.#contours;
	}
}
