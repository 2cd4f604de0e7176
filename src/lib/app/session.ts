/**
 * One browser session: a lazily created DuckDB connector, the loaded dataset and its validation
 * reports, and the queries pages need, returned as plain typed results. Pages hold no SQL; this
 * module imports nothing from Svelte (the context wrapper is in ui/session-context.ts).
 */
import type { Connector } from '../db/connector.ts';
import type { DatasetReport } from '../data/load.ts';
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
		const db = await this.db();
		const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((x) => x.year);
		const communes = (await db.query<{ commune: string }>('SELECT DISTINCT commune FROM households ORDER BY 1')).map((x) => x.commune);
		const departements = [...new Set(communes.map(departementOf))];
		return { label: l.manifest.label, departements, years, communes, report: r, complete, loadMs: performance.now() - this.#t0! };
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

	/** The catalogue with every run option (poverty threshold switch, secrecy threshold…). */
	async catalogue(opts: RunOptions = {}): Promise<IndicatorValue[]> {
		await this.complete();
		const db = await this.db();
		return this.#exclusive(() => runIndicators(db, opts));
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
