/**
 * The one seam between Vigie's engine and DuckDB. Everything in src/lib talks to a Connector;
 * the browser gives it DuckDB-wasm in a Worker, Node (tests, CLI) gives it DuckDB-wasm's blocking build.
 */
export type Row = Record<string, unknown>;

export interface Connector {
	/** Runs one statement; `params` bind to `?` placeholders. Rows come back as plain JS values. */
	query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
	/**
	 * Runs a query of numeric columns (doubles, or integers of 32 bits at most) and returns each column whole,
	 * as typed arrays where the engine hands them so: a million values without a million row objects.
	 */
	queryColumns(sql: string): Promise<Record<string, ArrayLike<number>>>;
	/** Makes bytes or text readable by SQL under `name` (e.g. `read_csv('households.csv')`). */
	registerFile(name: string, data: Uint8Array | string): Promise<void>;
	/**
	 * Node only: makes a file on disk readable under `name` without copying it through JS memory, so a
	 * dataset larger than a JS string or buffer can be read (CLI, benchmarks). Absent in the browser.
	 */
	registerPath?(name: string, path: string): Promise<void>;
	/**
	 * Browser only: makes a user's File (or any Blob) readable under `name` where it lies, read in slices
	 * by DuckDB's worker as it scans: a 190 MB CSV is never copied whole into JS or wasm memory.
	 */
	registerBlob?(name: string, blob: Blob): Promise<void>;
	/**
	 * DuckDB-wasm only: creates table `name` from an Arrow IPC stream (`create`), or appends one of the same
	 * columns, as the columnar import hands them (Parquet, Arrow). Absent where the engine takes no Arrow (native).
	 */
	insertArrow?(name: string, ipc: Uint8Array, create: boolean): Promise<void>;
	dropFile(name: string): Promise<void>;
	close(): Promise<void>;
}

/** Statements run on every new database: nothing may be fetched from the network. */
export const SETUP_SQL = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];

/** DuckDB-wasm open() options shared by both builds: counts and decimals arrive as JS numbers. */
export const OPEN_CONFIG = {
	query: { castBigIntToDouble: true, castDecimalToDouble: true }
};

/** An Arrow table's columns, whole: typed arrays for numeric columns. */
export function toColumns(table: { schema: { fields: Array<{ name: string }> }; getChild(name: string): { toArray(): ArrayLike<number> } | null }) {
	return Object.fromEntries(table.schema.fields.map((f) => [f.name, table.getChild(f.name)!.toArray()]));
}

/** Arrow rows → plain objects; any BigInt left (e.g. inside a struct) becomes a number. */
export function toPlainRows<T>(table: { toArray(): Array<{ toJSON(): Row }> }): T[] {
	return table.toArray().map((r) => {
		const o = r.toJSON();
		for (const k in o) {
			const v = o[k];
			if (typeof v === 'bigint') o[k] = Number(v);
		}
		return o as T;
	});
}

/** Quotes an SQL identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/**
 * Quotes an SQL string literal. DuckDB's parser ends a statement's text at a NUL, so a NUL (a file's value may
 * hold one) is spelled chr(0); a backslash is no escape in DuckDB's standard strings.
 */
export const literal = (value: string) => {
	const quoted = `'${value.replaceAll("'", "''")}'`;
	return value.includes('\0') ? `(${quoted.replaceAll('\0', "' || chr(0) || '")})` : quoted;
};
