/**
 * One browser session: a lazily created DuckDB connector, the loaded dataset and its validation
 * reports, and the queries pages need, returned as plain typed results. Pages hold no SQL; this
 * module imports nothing from Svelte (the context wrapper is in ui/session-context.ts).
 */
import type { Connector } from '../db/connector.ts';
import { ident } from '../db/connector.ts';
import type { DatasetReport } from '../data/load.ts';
import { importBlob, type ImportedFile, type ImportOptions, type ImportPhase } from '../data/ingest/import.ts';
import { ImportCancelled, type ImportProgress, type Transcoder } from '../data/ingest/stream.ts';
import type { ExportTable } from '../data/export.ts';
import { clearImport, loadImport, saveImport, type StoredImport } from './import-store.ts';
import { FIRST_VIEW_FILE, type FirstView } from './first-view.ts';
import { AID_REQUESTS, HOUSEHOLDS } from '../data/schema.ts';
import type { Indicator } from '../indicators/catalogue.ts';
import { loadDefaultData, type DefaultLoad } from './default-data.ts';
import { prepareIndicators } from './indicator-cache.ts';
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
	/** The embedded default data (made by the generator): values secrecy would hide are shown with a mark. Any import: false. */
	synthetic: boolean;
}

/** A file chosen by the user on the Données page. */
export interface UserFile {
	name: string;
	data: Uint8Array;
}

/** A file chosen by the user, as the browser gives it (read in chunks, never whole unless needed). */
export interface UserBlob {
	name: string;
	blob: Blob;
}

type Kinds<T> = { households?: T; aid_requests?: T };

export interface UserImportOptions {
	/** Stops the import; the data in use stay as they were (loadUserBlobs then throws ImportCancelled). */
	signal?: AbortSignal;
	onProgress?: (kind: 'households' | 'aid_requests', p: ImportProgress & { phase: ImportPhase }) => void;
	/** Column chosen for each header of a file, replacing the automatic mapping (Données page). */
	mapping?: Kinds<ReadonlyArray<string | null>>;
	/** XLSX sheet per file (the first when absent). */
	sheet?: Kinds<string>;
	/** Where the pre-step runs (the page gives a Worker). */
	transcode?: Transcoder;
	/**
	 * The user ticked « garder mes fichiers sur cet ordinateur »: the files are kept in IndexedDB for the next
	 * visit. Otherwise nothing is written, and what an earlier import kept is forgotten.
	 */
	keep?: boolean;
}

export interface UserImport {
	/** Per kind given: the report (with mapping) and the original records, for the rejects file. */
	households?: ImportedFile;
	aid_requests?: ImportedFile;
	/** False when a file was refused whole: the data in use did not change. */
	applied: boolean;
	/** Kept in the browser (import-store.ts) and reloaded at the next visit. */
	persisted?: boolean;
	/** Reloaded from the browser's storage at this visit. */
	restored?: boolean;
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
	/** The user's files in use, as stored for the next visit. */
	#files: StoredImport | null = null;
	#restoring: Promise<DatasetInfo | null> | null = null;

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
		return (this.#first ??= this.#restored().then((u) => u ?? this.#info(this.#default().then((l) => l.first), false)));
	}

	/**
	 * The Territoire page's first view of the default data, computed when the data was made (first-view.ts), or
	 * null: the user's own files are kept in this browser (they load instead), or the file is missing.
	 */
	async firstView(): Promise<FirstView | null> {
		if (this.#user || (await loadImport().catch(() => undefined))?.households) return null;
		try {
			return JSON.parse(new TextDecoder().decode(await this.#deps.fetchFile(FIRST_VIEW_FILE))) as FirstView;
		} catch {
			return null;
		}
	}

	/** The dataset once every file is loaded (starts loading the rest on first call). */
	complete(): Promise<DatasetInfo> {
		return (this.#all ??= this.#restored()
			.then((u) => u ?? this.#info(this.#default().then((l) => l.all()), true))
			.then((info) => (this.#warm(info), info)));
	}

	/**
	 * Queues the indicator warm-up of a complete dataset (indicator-cache.ts) behind the load, after the
	 * first paint: a page asking for indicators meanwhile waits for it in the queue and reuses it.
	 */
	#warm(info: DatasetInfo): void {
		const geo = info.departements.length ? this.geography(info.departements[0]).catch(() => null) : Promise.resolve(null);
		void geo.then((g) => this.#exclusive(async () => prepareIndicators(await this.db(), g))).catch(() => {});
	}

	/** The user's last dataset, reloaded from the browser's storage; null when none (or when it no longer loads). */
	#restored(): Promise<DatasetInfo | null> {
		return (this.#restoring ??= this.#restore());
	}

	async #restore(): Promise<DatasetInfo | null> {
		const stored = await loadImport().catch(() => undefined);
		if (!stored?.households) return null;
		const t0 = performance.now();
		const db = await this.db();
		try {
			const transcode = typeof Worker === 'undefined' ? undefined : (await import('./import-transcoder.ts')).workerTranscoder;
			const out: Partial<UserImport> = {};
			for (const [kind, contract] of [['households', HOUSEHOLDS], ['aid_requests', AID_REQUESTS]] as const) {
				const f = stored[kind];
				if (!f) continue;
				out[kind] = await importBlob(db, contract, f, kind, { mapping: f.mapping, sheet: f.sheet, transcode });
				if (out[kind].report.fatal) throw new Error(out[kind].report.fatal);
			}
			const households = out.households!.report;
			const aid = out.aid_requests?.report;
			const report: DatasetReport = { households, aid_requests: aid, files: [households, ...(aid ? [aid] : [])] };
			const info = await this.#describe(`Vos fichiers : ${[households.file, aid?.file].filter(Boolean).join(', ')}`, report, true, t0, false);
			this.#files = stored;
			this.#user = { ...out, applied: true, persisted: true, restored: true, info };
			return info;
		} catch {
			// Stored files that no longer load: forgotten, the default data load instead.
			for (const kind of ['households', 'aid_requests']) await db.query(`DROP TABLE IF EXISTS ${ident(kind)}`);
			await clearImport().catch(() => undefined);
			return null;
		}
	}

	/** Keeps the files in use for the next visit (only a dataset with the user's own households). */
	async #persist(files: Kinds<UserBlob>, opts: UserImportOptions): Promise<boolean> {
		if (!opts.keep) {
			this.#files = null;
			await clearImport().catch(() => undefined);
			return false;
		}
		const entry = (kind: 'households' | 'aid_requests') => {
			const f = files[kind];
			return f ? { name: f.name, blob: f.blob, mapping: opts.mapping?.[kind] ? [...opts.mapping[kind]!] : undefined, sheet: opts.sheet?.[kind] } : undefined;
		};
		const next: StoredImport = {
			households: entry('households') ?? this.#files?.households,
			aid_requests: entry('aid_requests') ?? (files.households ? undefined : this.#files?.aid_requests)
		};
		this.#files = next.households ? next : null;
		try {
			if (this.#files) await saveImport(this.#files);
			else await clearImport();
			return !!this.#files && typeof indexedDB !== 'undefined';
		} catch {
			return false;
		}
	}

	#default(): Promise<DefaultLoad> {
		this.#t0 ??= performance.now();
		return (this.#load ??= loadDefaultData(this.db(), this.#deps.fetchFile));
	}

	async #info(report: Promise<DatasetReport>, complete: boolean): Promise<DatasetInfo> {
		const [l, r] = [await this.#default(), await report];
		return this.#describe(l.manifest.label, r, complete, this.#t0!, l.manifest.synthetic === true);
	}

	async #describe(label: string, r: DatasetReport, complete: boolean, t0: number, synthetic: boolean): Promise<DatasetInfo> {
		const db = await this.db();
		const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((x) => x.year);
		const communes = (await db.query<{ commune: string }>('SELECT DISTINCT commune FROM households ORDER BY 1')).map((x) => x.commune);
		const departements = [...new Set(communes.map(departementOf))];
		return { label, departements, years, communes, report: r, complete, loadMs: performance.now() - t0, synthetic };
	}

	/**
	 * Replaces the data in use by the user's files (a households file and/or an aid requests file), each
	 * through the import pre-step and validation. A file refused whole changes nothing. A households file
	 * alone drops the aid requests in use (they belonged to other households); an aid file alone keeps the
	 * households. Every page then computes on the new data.
	 */
	async loadUserFiles(files: { households?: UserFile; aid_requests?: UserFile }): Promise<UserImport> {
		const blob = (f?: UserFile) => (f ? { name: f.name, blob: new Blob([f.data as BlobPart]) } : undefined);
		return this.loadUserBlobs({ households: blob(files.households), aid_requests: blob(files.aid_requests) });
	}

	/**
	 * The same for files as the browser gives them, with progress, cancel, a chosen mapping or sheet. Each file
	 * loads into a side table; the data in use are replaced only once every file is in, so a cancel (or a file
	 * refused whole) leaves them untouched.
	 */
	async loadUserBlobs(files: Kinds<UserBlob>, opts: UserImportOptions = {}): Promise<UserImport> {
		const t0 = performance.now();
		const current = await this.complete();
		const db = await this.db();
		return this.#exclusive(async () => {
			const out: Partial<UserImport> = {};
			const kinds = [['households', HOUSEHOLDS], ['aid_requests', AID_REQUESTS]] as const;
			const drop = async () => {
				for (const [kind] of kinds) for (const t of [`${kind}__user`, `${kind}__user_rejects`]) await db.query(`DROP TABLE IF EXISTS ${ident(t)}`);
			};
			try {
				for (const [kind, contract] of kinds) {
					const f = files[kind];
					if (!f) continue;
					const o: ImportOptions = {
						signal: opts.signal,
						mapping: opts.mapping?.[kind],
						sheet: opts.sheet?.[kind],
						transcode: opts.transcode,
						onProgress: (p) => opts.onProgress?.(kind, p)
					};
					out[kind] = await importBlob(db, contract, f, `${kind}__user`, o);
				}
				if (opts.signal?.aborted) throw new ImportCancelled();
			} catch (e) {
				await drop();
				throw e;
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
				info = await this.#describe(label, report, true, t0, false);
				this.#first = this.#all = Promise.resolve(info);
			}
			const persisted = applied ? await this.#persist(files, opts) : !!this.#user?.persisted;
			const result: UserImport = { ...out, applied, info, persisted };
			if (applied) this.#user = result;
			// Warm the indicator statistics while the user reads the import report (queued after this load).
			if (applied) this.#warm(info);
			return result;
		});
	}

	/** A loaded table (households or aid requests) as plain rows, for the exports. */
	async exportTable(kind: 'households' | 'aid_requests'): Promise<ExportTable> {
		await this.complete();
		const db = await this.db();
		const contract = kind === 'households' ? HOUSEHOLDS : AID_REQUESTS;
		const columns = contract.columns.map((c) => c.name);
		const select = contract.columns.map((c) => (c.type === 'date' ? `strftime(${ident(c.name)}, '%Y-%m-%d') AS ${ident(c.name)}` : ident(c.name))).join(', ');
		const rows = await this.#exclusive(() => db.query<Record<string, string | number | boolean | null>>(`SELECT ${select} FROM ${ident(kind)}`));
		return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
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
		this.#files = null;
		await clearImport().catch(() => undefined);
		this.#restoring = Promise.resolve(null);
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
		// The data decides the secrecy rule, never the page: synthetic data shows its values, marked.
		return this.#exclusive(() => runIndicators(db, { ...opts, synthetic: first.synthetic }));
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
		const { synthetic } = await this.complete();
		const db = await this.db();
		const out = new Map<number, IndicatorValue[]>();
		for (const year of opts.years) out.set(year, await this.#exclusive(() => runIndicators(db, { ...opts, year, synthetic })));
		return out;
	}

	/** Weighted histogram behind a distribution indicator, secret bins masked. */
	async distribution(opts: { measure: Measure; year: number; communes?: readonly string[] }): Promise<Bin[]> {
		const { synthetic } = await this.complete();
		const db = await this.db();
		return this.#exclusive(() => distribution(db, { ...opts, synthetic }));
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
