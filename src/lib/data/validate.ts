/**
 * Loads a CSV into a typed DuckDB table under a contract (schema.ts). Every rule is SQL generated from
 * the contract's column table, so the browser and Node validate identically. A row breaking the contract
 * is rejected with its line, column, value and reason (French); every other row loads.
 */
import { formatNumber } from '../ui/format.ts';
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
	/** Set by the import pre-step (ingest/): which header fed which column, how the file was written. */
	mapping?: Array<{ header: string; column: string | null; note?: string }>;
	encoding?: string;
	separator?: string;
	/** XLSX: the workbook's sheets and the one read. */
	sheets?: string[];
	sheet?: string;
}

/** Names for a message: the first 20, then how many more (a file may have 10 000 columns). */
export const nameList = (names: readonly string[]) =>
	names.length > 20 ? `${names.slice(0, 20).join(', ')} et ${names.length - 20} autres` : names.join(', ');

/** Column added by the import pre-step when records and physical lines diverge (quoted line breaks). */
export const LINE_COLUMN = '__line';

const TRUE_WORDS = ['true', '1', 'oui', 'yes', 'vrai'];
const FALSE_WORDS = ['false', '0', 'non', 'no', 'faux'];
const sqlList = (xs: readonly string[]) => xs.map(literal).join(', ');

/**
 * How SQL reaches a cell. The file is first read with numbers typed by DuckDB's CSV reader (fast); a
 * file whose numbers it cannot read (French formats, stray text) is re-read as text, where each cell
 * is parsed in SQL so every bad cell gets its own reason.
 */
interface Cells {
	/** The cell, NULL when empty (text cells trimmed). */
	cell(col: Column): string;
	/** The cell as a DOUBLE, NULL when unreadable. */
	num(col: Column): string;
	date(col: Column): string;
}

const isNumeric = (col: Column) => col.type === 'int' || col.type === 'double';
const textCell = (col: Column) => `NULLIF(trim(${ident(col.name)}), '')`;
const named = (name: string) => ({ name }) as Column;
const dateOf = (col: Column) =>
	`COALESCE(TRY_CAST(TRY_STRPTIME(${textCell(col)}, '%Y-%m-%d') AS DATE), TRY_CAST(TRY_STRPTIME(${textCell(col)}, '%d/%m/%Y') AS DATE))`;

const TYPED: Cells = {
	cell: (col) => (isNumeric(col) ? ident(col.name) : textCell(col)),
	num: (col) => ident(col.name),
	date: dateOf
};

const TEXT: Cells = {
	cell: textCell,
	// Decimal comma and space thousands separators accepted (« 2 100,50 »); the plain cast first, so the
	// costly rewrite runs only on the cells it fails on.
	num: (col) =>
		`COALESCE(TRY_CAST(${textCell(col)} AS DOUBLE), TRY_CAST(replace(regexp_replace(${textCell(col)}, '[\\s\u00a0\u202f]', '', 'g'), ',', '.') AS DOUBLE))`,
	date: dateOf
};

function rangeCheck(col: Column, expr: string): string[] {
	const out: string[] = [];
	if (col.min !== undefined) out.push(`WHEN ${expr} < ${col.min} THEN 'inférieur au minimum (${col.min})'`);
	if (col.max !== undefined) out.push(`WHEN ${expr} > ${col.max} THEN 'supérieur au maximum (${col.max})'`);
	return out;
}

/** SQL expression giving the French reason why a cell breaks the contract, or NULL. */
function reasonSql(x: Cells, col: Column): string {
	const c = x.cell(col);
	const whens: string[] = [];
	whens.push(col.required ? `WHEN ${c} IS NULL THEN 'valeur obligatoire manquante'` : `WHEN ${c} IS NULL THEN NULL`);
	switch (col.type) {
		case 'int':
			whens.push(
				`WHEN ${x.num(col)} IS NULL OR ${x.num(col)} <> round(${x.num(col)}) THEN 'nombre entier attendu'`,
				...rangeCheck(col, x.num(col))
			);
			break;
		case 'double':
			whens.push(`WHEN ${x.num(col)} IS NULL OR isinf(${x.num(col)}) THEN 'nombre attendu'`, ...rangeCheck(col, x.num(col)));
			break;
		case 'bool':
			whens.push(`WHEN lower(${c}) NOT IN (${sqlList([...TRUE_WORDS, ...FALSE_WORDS])}) THEN 'booléen attendu (oui/non, true/false, 1/0)'`);
			break;
		case 'enum':
			whens.push(`WHEN ${c} NOT IN (${sqlList(col.values!)}) THEN ${literal(`valeur inconnue (attendu : ${col.values!.join(', ')})`)}`);
			break;
		case 'date':
			whens.push(`WHEN ${x.date(col)} IS NULL THEN 'date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)'`);
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

/** SQL boolean: the cell meets the contract (the cheap twin of reasonSql, run on every row). */
function okSql(x: Cells, col: Column): string {
	const c = x.cell(col);
	const n = x.num(col);
	const range = [col.min !== undefined ? `${n} >= ${col.min}` : '', col.max !== undefined ? `${n} <= ${col.max}` : ''].filter(Boolean);
	let check: string;
	switch (col.type) {
		case 'int':
			check = [`${n} = round(${n})`, ...range].join(' AND ');
			break;
		case 'double':
			check = [`NOT isinf(${n})`, ...range].join(' AND ');
			break;
		case 'bool':
			check = `lower(${c}) IN (${sqlList([...TRUE_WORDS, ...FALSE_WORDS])})`;
			break;
		case 'enum':
			check = `${c} IN (${sqlList(col.values!)})`;
			break;
		case 'date':
			check = `${x.date(col)} IS NOT NULL`;
			break;
		default:
			check =
				col.name === 'commune'
					? `regexp_full_match(${c}, '([0-9]{2}|2[AB])[0-9]{3}')`
					: col.length
						? `length(${c}) = ${col.length}`
						: 'true';
	}
	return `CASE WHEN ${c} IS NULL THEN ${col.required ? 'false' : 'true'} ELSE COALESCE(${check}, false) END`;
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
function typedSql(x: Cells, col: Column, present: boolean): string {
	const fallback = `CAST(${defaultSql(col)} AS ${SQL_TYPES[col.type]})`;
	if (!present) return fallback;
	let v: string;
	switch (col.type) {
		case 'int':
			v = `CAST(${x.num(col)} AS INTEGER)`;
			break;
		case 'double':
			v = x.num(col);
			break;
		case 'bool':
			v = `lower(${x.cell(col)}) IN (${sqlList(TRUE_WORDS)})`;
			break;
		case 'date':
			v = x.date(col);
			break;
		default:
			v = x.cell(col);
	}
	return `CASE WHEN ${x.cell(col)} IS NULL THEN ${fallback} ELSE ${v} END`;
}

/** Rules across columns of one row, beyond single cells. */
const ROW_RULES: Record<Contract['kind'], Array<{ column: string; when: (x: Cells) => string; reason: string }>> = {
	households: [],
	aid_requests: [
		{
			column: 'date_decision',
			when: (x) => `${x.date(named('date_decision'))} < ${x.date(named('date_request'))}`,
			reason: 'décision antérieure à la demande'
		}
	]
};

/** Suspicious but loadable rows: counted after the load and listed apart from the rejects. */
const WARNING_RULES: Record<Contract['kind'], Array<{ columns: string[]; when: string; text: string }>> = {
	households: [
		{ columns: ['charge_rent'], when: 'charge_rent > 5000', text: 'ligne(s) avec un loyer supérieur à 5 000 € par mois (chargées, à vérifier)' },
		{
			columns: ['persons_14_plus', 'persons_under_14'],
			when: 'persons_14_plus + persons_under_14 > 15',
			text: 'ménage(s) de plus de 15 personnes (chargés, à vérifier)'
		}
	],
	aid_requests: [
		{ columns: ['amount_granted'], when: 'amount_granted > 5000', text: 'demande(s) avec un montant accordé supérieur à 5 000 € (chargées, à vérifier)' }
	]
};

export interface LoadOptions {
	/** Name of the typed table to create (default: the contract's kind). */
	table?: string;
	/** Name under which the file was registered with the connector, or an absolute path. */
	file: string;
	/** Shown in messages (e.g. the user's file name). */
	displayName?: string;
	/** Separator, when known (the import pre-step writes `,`); otherwise DuckDB's sniffer decides. */
	delimiter?: string;
}

/**
 * Validates `file` against `contract` and (re)creates the typed table. The rejects stay queryable in
 * `<table>_rejects` (line, column, value, reason) for download.
 */
export async function loadCsv(db: Connector, contract: Contract, opts: LoadOptions): Promise<ValidationReport> {
	const table = opts.table ?? contract.kind;
	const report: ValidationReport = {
		kind: contract.kind,
		file: opts.displayName ?? opts.file,
		read: 0,
		loaded: 0,
		rejected: 0,
		errors: [],
		warnings: []
	};
	const dialect = opts.delimiter ? `, delim = ${literal(opts.delimiter)}, quote = '"', escape = '"'` : '';
	// Lines up to 32 MiB (DuckDB's default is 2 MiB): a long free-text cell must not make a file unreadable.
	const source = (options: string) => `read_csv(${literal(opts.file)}, header = true, auto_detect = true, max_line_size = 33554432${dialect}${options})`;
	let header: string[];
	try {
		header = (await db.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source(', all_varchar = true')})`)).map(
			(r) => r.column_name
		);
	} catch (e) {
		report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
		return report;
	}
	const known = new Set(contract.columns.map((c) => c.name));
	const present = new Set(header.filter((h) => known.has(h)));
	const hasLine = header.includes(LINE_COLUMN);
	const extra = header.filter((h) => !known.has(h) && h !== LINE_COLUMN);
	if (extra.length) report.warnings.push(`colonnes inconnues ignorées : ${nameList(extra)}`);
	const missing = contract.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
	if (missing.length) {
		report.read = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${source(', all_varchar = true')}`))[0].n;
		report.rejected = report.read;
		report.fatal = `${report.file} : colonne obligatoire absente : ${missing.join(', ')} (fichier refusé en entier)`;
		return report;
	}

	// Pass 1, every row, straight from the reader: typed values and one cheap validity flag. Numbers are
	// typed by the CSV reader when it can read them all; otherwise every cell is read as text.
	// Rows keep file order, so a row's line is its rowid + 2 (header on line 1), unless the pre-step gave
	// each row its physical line in __line.
	const cols = contract.columns.filter((c) => present.has(c.name));
	const rules = ROW_RULES[contract.kind].filter((r) => present.has(r.column));
	const staged = `${table}__staged`;
	const rejects = `${table}_rejects`;
	const types = [
		...cols.map((c) => `${literal(c.name)}: '${isNumeric(c) ? 'DOUBLE' : 'VARCHAR'}'`),
		...(hasLine ? [`${literal(LINE_COLUMN)}: 'INTEGER'`] : [])
	].join(', ');
	const L = hasLine ? ident(LINE_COLUMN) : '(rowid + 2)';
	const lineCol = hasLine ? `, TRY_CAST(${ident(LINE_COLUMN)} AS INTEGER) AS ${ident(LINE_COLUMN)}` : '';
	const stage = (x: Cells, options: string) => {
		const okAll = [...cols.map((c) => okSql(x, c)), ...rules.map((r) => `COALESCE(NOT (${r.when(x)}), true)`)].join(' AND ');
		const typed = contract.columns.map((c) => `${typedSql(x, c, present.has(c.name))} AS ${ident(c.name)}`).join(',\n');
		return db.query(`CREATE OR REPLACE TABLE ${ident(staged)} AS SELECT ${typed}, NOT (${okAll}) AS __bad${lineCol} FROM ${source(options)}`);
	};
	let x = TYPED;
	let options = `, types = {${types}}`;
	try {
		await stage(x, options);
	} catch {
		[x, options] = [TEXT, ', all_varchar = true'];
		try {
			await stage(x, options);
		} catch (e) {
			report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
			return report;
		}
	}
	report.read = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(staged)}`))[0].n;

	// Pass 2, bad rows only (re-read from the file): every reason, cell by cell.
	const checks = [
		...cols.map((c) => `{'column': ${literal(c.name)}, 'value': ${ident(c.name)}::VARCHAR, 'reason': ${reasonSql(x, c)}}`),
		...rules.map(
			(r) => `{'column': ${literal(r.column)}, 'value': ${ident(r.column)}::VARCHAR, 'reason': CASE WHEN ${r.when(x)} THEN ${literal(r.reason)} END}`
		)
	];
	const bad = `SELECT rowid FROM ${ident(staged)} WHERE __bad`;
	const hasBad = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${bad})`))[0].n > 0;
	const cellErrors = hasBad
		? `SELECT ${hasLine ? ident(LINE_COLUMN) : 'rid + 2'} AS line, e.column AS "column", e.value AS value, e.reason AS reason
		   FROM (SELECT rid${hasLine ? `, ${ident(LINE_COLUMN)}` : ''}, unnest(list_filter([${checks.join(', ')}], x -> x.reason IS NOT NULL)) AS e
		         FROM (SELECT row_number() OVER () - 1 AS rid, * FROM ${source(options)}) WHERE rid IN (${bad}))`
		: `SELECT NULL::BIGINT AS line, NULL::VARCHAR AS "column", NULL::VARCHAR AS value, NULL::VARCHAR AS reason WHERE false`;
	const keys = contract.key.map(ident).join(', ');
	// A duplicated key keeps its first valid row and rejects the later ones (DESIGN.md §6).
	await db.query(
		`CREATE OR REPLACE TABLE ${ident(rejects)} AS
		 WITH dup_keys AS (SELECT ${keys} FROM ${ident(staged)} WHERE NOT __bad GROUP BY ${keys} HAVING count(*) > 1),
		 dup AS (
		   SELECT line, ${literal(contract.key[0])} AS "column", ${ident(contract.key[0])}::VARCHAR AS value,
		     'identifiant en double (première occurrence ligne ' || first_line || ')' AS reason
		   FROM (SELECT ${L} AS line, ${ident(contract.key[0])}, min(${L}) OVER (PARTITION BY ${keys}) AS first_line
		         FROM ${ident(staged)} WHERE NOT __bad AND (${keys}) IN (SELECT (${keys}) FROM dup_keys))
		   WHERE line > first_line)
		 SELECT line::INTEGER AS line, "column", value, reason FROM (${cellErrors} UNION ALL SELECT * FROM dup)`
	);
	// The staged table becomes the typed table: no copy of the valid rows.
	await db.query(`DELETE FROM ${ident(staged)} WHERE __bad OR ${L} IN (SELECT line FROM ${ident(rejects)})`);
	await db.query(`ALTER TABLE ${ident(staged)} DROP COLUMN __bad`);
	if (hasLine) await db.query(`ALTER TABLE ${ident(staged)} DROP COLUMN ${ident(LINE_COLUMN)}`);
	await db.query(`DROP TABLE IF EXISTS ${ident(table)}`);
	await db.query(`ALTER TABLE ${ident(staged)} RENAME TO ${ident(table)}`);
	report.errors = await db.query<RowError>(`SELECT line, "column", value, reason FROM ${ident(rejects)} ORDER BY line, "column"`);
	report.rejected = (await db.query<{ n: number }>(`SELECT count(DISTINCT line)::INTEGER AS n FROM ${ident(rejects)}`))[0].n;
	report.loaded = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`))[0].n;
	for (const w of WARNING_RULES[contract.kind]) {
		if (!w.columns.every((c) => present.has(c))) continue;
		const n = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(table)} WHERE ${w.when}`))[0].n;
		if (n) report.warnings.push(`${formatNumber(n, 0)} ${w.text}`);
	}
	return report;
}
