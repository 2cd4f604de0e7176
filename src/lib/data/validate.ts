/**
 * Loads a CSV into a typed DuckDB table under a contract (schema.ts). Every rule is SQL generated from
 * the contract's column table, so the browser and Node validate identically. A row breaking the contract
 * is rejected with its line, column, value and reason (French); every other row loads.
 */
import { ident, literal, type Connector } from '../db/connector.ts';
import type { Column, Contract } from './schema.ts';

export interface RowError {
	/** Line in the file (the header is line 1). */
	line: number;
	column: string;
	value: string | null;
	reason: string;
}

export interface ValidationReport {
	kind: Contract['kind'];
	file: string;
	read: number;
	loaded: number;
	rejected: number;
	/** Every error of every rejected row, in line order (a row may have several). */
	errors: RowError[];
	warnings: string[];
	/** Set when the file as a whole cannot be loaded (unreadable, required column missing). */
	fatal?: string;
}

const TRUE_WORDS = ['true', '1', 'oui', 'yes', 'vrai'];
const FALSE_WORDS = ['false', '0', 'non', 'no', 'faux'];
const sqlList = (xs: readonly string[]) => xs.map(literal).join(', ');

/** Cell as text, trimmed, '' → NULL. */
const cell = (c: string) => `NULLIF(trim(${ident(c)}), '')`;
/** Decimal comma and space thousands separators accepted (French exports: « 2 100,50 »). */
const num = (c: string) => `TRY_CAST(replace(regexp_replace(${cell(c)}, '[\\s\u00a0\u202f]', '', 'g'), ',', '.') AS DOUBLE)`;
const date = (c: string) =>
	`COALESCE(TRY_CAST(TRY_STRPTIME(${cell(c)}, '%Y-%m-%d') AS DATE), TRY_CAST(TRY_STRPTIME(${cell(c)}, '%d/%m/%Y') AS DATE))`;

function rangeCheck(col: Column, expr: string): string[] {
	const out: string[] = [];
	if (col.min !== undefined) out.push(`WHEN ${expr} < ${col.min} THEN 'inférieur au minimum (${col.min})'`);
	if (col.max !== undefined) out.push(`WHEN ${expr} > ${col.max} THEN 'supérieur au maximum (${col.max})'`);
	return out;
}

/** SQL expression giving the French reason why a cell breaks the contract, or NULL. */
function reasonSql(col: Column): string {
	const c = cell(col.name);
	const whens: string[] = [];
	whens.push(col.required ? `WHEN ${c} IS NULL THEN 'valeur obligatoire manquante'` : `WHEN ${c} IS NULL THEN NULL`);
	switch (col.type) {
		case 'int':
			whens.push(
				`WHEN ${num(col.name)} IS NULL OR ${num(col.name)} <> round(${num(col.name)}) THEN 'nombre entier attendu'`,
				...rangeCheck(col, num(col.name))
			);
			break;
		case 'double':
			whens.push(`WHEN ${num(col.name)} IS NULL OR isinf(${num(col.name)}) THEN 'nombre attendu'`, ...rangeCheck(col, num(col.name)));
			break;
		case 'bool':
			whens.push(`WHEN lower(${c}) NOT IN (${sqlList([...TRUE_WORDS, ...FALSE_WORDS])}) THEN 'booléen attendu (oui/non, true/false, 1/0)'`);
			break;
		case 'enum':
			whens.push(`WHEN ${c} NOT IN (${sqlList(col.values!)}) THEN ${literal(`valeur inconnue (attendu : ${col.values!.join(', ')})`)}`);
			break;
		case 'date':
			whens.push(`WHEN ${date(col.name)} IS NULL THEN 'date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)'`);
			break;
		case 'text':
			if (col.name === 'commune')
				whens.push(`WHEN NOT regexp_full_match(${c}, '([0-9]{2}|2[AB])[0-9]{3}') THEN 'code commune INSEE à 5 caractères attendu (ex. 93061, 2A004)'`);
			else if (col.length)
				whens.push(`WHEN length(${c}) <> ${col.length} THEN 'longueur ${col.length} attendue'`);
			break;
	}
	return `CASE ${whens.join(' ')} ELSE NULL END`;
}

function defaultSql(col: Column): string {
	const d = col.default;
	if (d === null || d === undefined) return 'NULL';
	if (typeof d === 'string') return literal(d);
	return String(d);
}

const SQL_TYPES: Record<Column['type'], string> = {
	text: 'VARCHAR',
	enum: 'VARCHAR',
	int: 'INTEGER',
	double: 'DOUBLE',
	bool: 'BOOLEAN',
	date: 'DATE'
};

/** Typed value of a valid cell (or the default when empty / absent). */
function typedSql(col: Column, present: boolean): string {
	const fallback = `CAST(${defaultSql(col)} AS ${SQL_TYPES[col.type]})`;
	if (!present) return fallback;
	let v: string;
	switch (col.type) {
		case 'int':
			v = `CAST(${num(col.name)} AS INTEGER)`;
			break;
		case 'double':
			v = num(col.name);
			break;
		case 'bool':
			v = `lower(${cell(col.name)}) IN (${sqlList(TRUE_WORDS)})`;
			break;
		case 'date':
			v = date(col.name);
			break;
		default:
			v = cell(col.name);
	}
	return `CASE WHEN ${cell(col.name)} IS NULL THEN ${fallback} ELSE ${v} END`;
}

/** Rules across columns of one row, beyond single cells. */
const ROW_RULES: Record<Contract['kind'], Array<{ column: string; when: string; reason: string }>> = {
	households: [],
	aid_requests: [
		{
			column: 'date_decision',
			when: `${date('date_decision')} < ${date('date_request')}`,
			reason: 'décision antérieure à la demande'
		}
	]
};

export interface LoadOptions {
	/** Name of the typed table to create (default: the contract's kind). */
	table?: string;
	/** Name under which the file was registered with the connector, or an absolute path. */
	file: string;
	/** Shown in messages (e.g. the user's file name). */
	displayName?: string;
}

/**
 * Validates `file` against `contract` and (re)creates the typed table. The rejects stay queryable in
 * `<table>_rejects` (line, column, value, reason) for download.
 */
export async function loadCsv(db: Connector, contract: Contract, opts: LoadOptions): Promise<ValidationReport> {
	const table = opts.table ?? contract.kind;
	const raw = `${table}__raw`;
	const report: ValidationReport = {
		kind: contract.kind,
		file: opts.displayName ?? opts.file,
		read: 0,
		loaded: 0,
		rejected: 0,
		errors: [],
		warnings: []
	};
	try {
		await db.query(
			`CREATE OR REPLACE TEMP TABLE ${ident(raw)} AS
			 SELECT (row_number() OVER () + 1)::INTEGER AS __line, *
			 FROM read_csv(${literal(opts.file)}, all_varchar = true, header = true, auto_detect = true)`
		);
	} catch (e) {
		report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
		return report;
	}
	const header = (await db.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${ident(raw)})`))
		.map((r) => r.column_name)
		.filter((c) => c !== '__line');
	report.read = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(raw)}`))[0].n;

	const known = new Set(contract.columns.map((c) => c.name));
	const present = new Set(header.filter((h) => known.has(h)));
	const extra = header.filter((h) => !known.has(h));
	if (extra.length) report.warnings.push(`colonnes inconnues ignorées : ${extra.join(', ')}`);
	const missing = contract.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
	if (missing.length) {
		report.rejected = report.read;
		report.fatal = `${report.file} : colonne obligatoire absente : ${missing.join(', ')} (fichier refusé en entier)`;
		await db.query(`DROP TABLE IF EXISTS ${ident(raw)}`);
		return report;
	}

	const cols = contract.columns.filter((c) => present.has(c.name));
	const checks = [
		...cols.map((c) => `{'column': ${literal(c.name)}, 'value': ${ident(c.name)}, 'reason': ${reasonSql(c)}}`),
		...ROW_RULES[contract.kind]
			.filter((r) => present.has(r.column))
			.map((r) => `{'column': ${literal(r.column)}, 'value': ${ident(r.column)}, 'reason': CASE WHEN ${r.when} THEN ${literal(r.reason)} END}`)
	];
	const rejects = `${table}_rejects`;
	const keyCols = contract.key.map((k) => cell(k)).join(', ');
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${ident(table + '__cell_errors')} AS
		 SELECT __line AS line, e.column AS "column", e.value AS value, e.reason AS reason
		 FROM (SELECT __line, unnest(list_filter([${checks.join(', ')}], x -> x.reason IS NOT NULL)) AS e FROM ${ident(raw)})`
	);
	// A duplicated key keeps its first valid row and rejects the later ones (DESIGN.md §6).
	await db.query(
		`CREATE OR REPLACE TABLE ${ident(rejects)} AS
		 WITH bad AS (SELECT DISTINCT line FROM ${ident(table + '__cell_errors')}),
		 dup AS (
		   SELECT __line AS line, ${literal(contract.key[0])} AS "column", ${ident(contract.key[0])} AS value,
		     'identifiant en double (première occurrence ligne ' || first_line || ')' AS reason
		   FROM (SELECT __line, ${contract.key.map(ident).join(', ')},
		           min(__line) OVER (PARTITION BY ${keyCols}) AS first_line
		         FROM ${ident(raw)} WHERE __line NOT IN (SELECT line FROM bad))
		   WHERE __line > first_line)
		 SELECT * FROM ${ident(table + '__cell_errors')} UNION ALL SELECT * FROM dup
		 ORDER BY line`
	);
	const select = contract.columns.map((c) => `${typedSql(c, present.has(c.name))} AS ${ident(c.name)}`).join(',\n');
	await db.query(
		`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select}
		 FROM ${ident(raw)} WHERE __line NOT IN (SELECT line FROM ${ident(rejects)}) ORDER BY __line`
	);
	report.errors = await db.query<RowError>(`SELECT line, "column", value, reason FROM ${ident(rejects)} ORDER BY line, "column"`);
	report.rejected = (await db.query<{ n: number }>(`SELECT count(DISTINCT line)::INTEGER AS n FROM ${ident(rejects)}`))[0].n;
	report.loaded = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`))[0].n;
	await db.query(`DROP TABLE IF EXISTS ${ident(raw)}`);
	await db.query(`DROP TABLE IF EXISTS ${ident(table + '__cell_errors')}`);
	return report;
}
