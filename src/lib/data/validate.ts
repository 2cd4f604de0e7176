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

/** Reason of a required cell left empty. */
export const MISSING = 'valeur obligatoire manquante';

/**
 * Reason of a cell holding a NUL byte or a control character (tab and line breaks aside): a file damaged or
 * not a text file; such a value is never loaded (DESIGN.md §6).
 */
export const FORBIDDEN = 'caractère interdit (octet nul ou caractère de contrôle)';
/** The same, as an RE2 class for DuckDB's regexp_matches. */
const CONTROL = `'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]'`;
const hasControl = (cell: string) => `regexp_matches(${cell}, ${CONTROL})`;

/** Prefix of the names given to a file's columns the import maps to no contract column. */
export const IGNORED = '__ignored_';

/** Column added by the import pre-step when records and physical lines diverge (quoted line breaks). */
export const LINE_COLUMN = '__line';

/**
 * Column added by the import pre-step to a CSV's lines: why a line cannot be read as written (« guillemet non
 * fermé », « 20 colonnes au lieu de 39 »), empty otherwise. Such a line is rejected whole, under WHOLE_LINE.
 */
export const PROBLEM_COLUMN = '__problem';
/** The `column` of a reject that concerns the whole line. */
export const WHOLE_LINE = 'ligne entière';

const TRUE_WORDS = ['true', '1', 'oui', 'yes', 'vrai'];
const FALSE_WORDS = ['false', '0', 'non', 'no', 'faux'];
const sqlList = (xs: readonly string[]) => xs.map(literal).join(', ');

/**
 * How SQL reaches a cell. The file is first read with numbers and booleans typed by DuckDB's CSV reader
 * (fast); a column it cannot read so (French formats, stray text) is re-read as text, where each cell is
 * parsed in SQL so every bad cell gets its own reason.
 */
interface Cells {
	/** SQL type the reader gives the column. */
	read(col: Column): string;
	/** The cell, NULL when empty (text cells trimmed). */
	cell(col: Column): string;
	/** The cell as a number, NULL when unreadable. */
	num(col: Column): string;
	date(col: Column): string;
}

const isNumeric = (col: Column) => col.type === 'int' || col.type === 'double';
const textCell = (col: Column) => `NULLIF(trim(${ident(col.name)}), '')`;
const named = (name: string) => ({ name }) as Column;
const dateOf = (col: Column) =>
	`COALESCE(TRY_CAST(TRY_STRPTIME(${textCell(col)}, '%Y-%m-%d') AS DATE), TRY_CAST(TRY_STRPTIME(${textCell(col)}, '%d/%m/%Y') AS DATE))`;

/**
 * How DuckDB's CSV reader types a contract column's cells. An integer column is read as DOUBLE, not BIGINT: the
 * reader casts « 2.5 » to the BIGINT 3 without a word (tested), and the contract rejects it as « nombre entier
 * attendu ».
 */
const READER_TYPES: Partial<Record<Column['type'], string>> = { int: 'DOUBLE', double: 'DOUBLE', bool: 'BOOLEAN' };

const TYPED: Cells = {
	read: (col) => READER_TYPES[col.type] ?? 'VARCHAR',
	cell: (col) => (READER_TYPES[col.type] ? ident(col.name) : textCell(col)),
	num: (col) => ident(col.name),
	date: dateOf
};

const TEXT: Cells = {
	read: () => 'VARCHAR',
	cell: textCell,
	// Decimal comma and space thousands separators accepted (« 2 100,50 »); the plain cast first, so the
	// costly rewrite runs only on the cells it fails on.
	num: (col) =>
		`COALESCE(TRY_CAST(${textCell(col)} AS DOUBLE), TRY_CAST(replace(regexp_replace(${textCell(col)}, '[\\s\u00a0\u202f]', '', 'g'), ',', '.') AS DOUBLE))`,
	date: dateOf
};

/**
 * Cells staged each as `read` says: typed by the reader (BIGINT, DOUBLE, BOOLEAN) or text. A CSV's columns are
 * typed but for those a bad cell made the reader fail on; a Parquet or Arrow file's as the file typed them.
 */
function mixedCells(read: (col: Column) => string): Cells {
	const pick = (col: Column) => (read(col) === 'VARCHAR' ? TEXT : TYPED);
	return { read, cell: (col) => pick(col).cell(col), num: (col) => pick(col).num(col), date: dateOf };
}

/** The column DuckDB's CSV reader names in a conversion error (« Error when converting column "age_ref" »). */
const failedColumn = (message: string) => /Error when converting column "([^"]+)"/.exec(message)?.[1];

/** Typed reads tried, each with one more column as text, before the whole file is read as text. */
const TYPED_ATTEMPTS = 8;

/** The reader already typed the column as the contract wants it (an integer, a boolean): not a DOUBLE for an int. */
const readTyped = (x: Cells, col: Column) => (col.type === 'int' && INTEGER_TYPES.has(x.read(col))) || (col.type === 'bool' && x.read(col) === 'BOOLEAN');

/** A number as text as a person writes it: 93061 and -1, not 93061.0 and -1.0. */
const numberText = (n: string) => `CASE WHEN ${n} = round(${n}) AND abs(${n}) < 1e15 THEN CAST(CAST(${n} AS BIGINT) AS VARCHAR) ELSE CAST(${n} AS VARCHAR) END`;

/** A staged cell as text, for a reject's value. */
const valueText = (x: Cells, col: Column) => (x.read(col) === 'DOUBLE' ? numberText(ident(col.name)) : `${ident(col.name)}::VARCHAR`);

/** DuckDB types of a column holding integers that fit a BIGINT (an Arrow file's integer columns are kept so). */
const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);

/** Finite (not ±inf, not NaN), written as bounds rather than isinf(): DuckDB proves it from a table's statistics. */
const finite = (n: string) => `${n} > '-inf'::DOUBLE AND ${n} < 'inf'::DOUBLE`;

function rangeCheck(col: Column, expr: string): string[] {
	const out: string[] = [];
	// Large bounds in French digits (10 000 000), a year as written (2000).
	const shown = (v: number) => (Math.abs(v) >= 10_000 ? formatNumber(v, 0) : String(v));
	if (col.min !== undefined) out.push(`WHEN ${expr} < ${col.min} THEN ${literal(`inférieur au minimum (${shown(col.min)})`)}`);
	if (col.max !== undefined) out.push(`WHEN ${expr} > ${col.max} THEN ${literal(`supérieur au maximum (${shown(col.max)})`)}`);
	return out;
}

/** SQL expression giving the French reason why a cell breaks the contract, or NULL. */
function reasonSql(x: Cells, col: Column): string {
	const c = x.cell(col);
	const whens: string[] = [];
	whens.push(col.required ? `WHEN ${c} IS NULL THEN ${literal(MISSING)}` : `WHEN ${c} IS NULL THEN NULL`);
	if (x.read(col) === 'VARCHAR') whens.push(`WHEN ${hasControl(c)} THEN ${literal(FORBIDDEN)}`);
	switch (col.type) {
		case 'int':
			whens.push(
				`WHEN ${x.num(col)} IS NULL OR ${x.num(col)} <> round(${x.num(col)}) THEN 'nombre entier attendu'`,
				...rangeCheck(col, x.num(col))
			);
			break;
		case 'double':
			whens.push(`WHEN ${x.num(col)} IS NULL OR NOT (${finite(x.num(col))}) THEN 'nombre attendu'`, ...rangeCheck(col, x.num(col)));
			break;
		case 'bool':
			if (!readTyped(x, col)) whens.push(`WHEN lower(${c}) NOT IN (${sqlList([...TRUE_WORDS, ...FALSE_WORDS])}) THEN 'booléen attendu (oui/non, true/false, 1/0)'`);
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
			check = [...(readTyped(x, col) ? [] : [`${n} = round(${n})`]), ...range].join(' AND ') || 'true';
			break;
		case 'double':
			check = [finite(n), ...range].join(' AND ');
			break;
		case 'bool':
			check = readTyped(x, col) ? 'true' : `lower(${c}) IN (${sqlList([...TRUE_WORDS, ...FALSE_WORDS])})`;
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
	if (x.read(col) === 'VARCHAR') check = `NOT ${hasControl(c)} AND (${check})`;
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
			v = `TRY_CAST(${x.num(col)} AS INTEGER)`;
			break;
		case 'double':
			v = x.num(col);
			break;
		case 'bool':
			v = readTyped(x, col) ? x.cell(col) : `lower(${x.cell(col)}) IN (${sqlList(TRUE_WORDS)})`;
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

const count = async (db: Connector, from: string) => (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${from}`))[0].n;

/** How one column of the staged table is checked and typed. */
interface ColumnPlan {
	/** SQL boolean over a staged row: the cell breaks the contract (null: never). */
	bad: string | null;
	/** Statements cleaning the cells of the valid rows in place (trim, French spellings → contract values). */
	clean: string[];
	/** ALTER clause giving the column its contract type and default, when the staged one differs. */
	type: string | null;
}

/** A column with more distinct values than this is checked cell by cell. */
const DISTINCT_LIMIT = 5000;
/** Invalid values of a column are listed in the SQL up to this many characters, then checked cell by cell. */
const LIST_LIMIT = 100_000;

/**
 * Checking a column value by value: an enum, boolean, date or code column holds a few hundred distinct
 * values among a million rows, so each distinct value is checked and typed once (by the same okSql and
 * typedSql), and the rows are touched only where a value is invalid or must be rewritten.
 */
const byValue = (c: Column) => c.type === 'enum' || c.type === 'bool' || c.type === 'date' || (c.type === 'text' && (c.name === 'commune' || !!c.length));

/** `filled`: the column's non-empty cells among `rows` (typed columns only). */
async function planColumn(
	db: Connector,
	x: Cells,
	c: Column,
	staged: string,
	rows: number,
	filled: number,
	rewriter?: LoadOptions['rewriter']
): Promise<ColumnPlan> {
	const C = ident(c.name);
	const T = SQL_TYPES[c.type];
	const cellByCell: ColumnPlan = {
		bad: `NOT ${okSql(x, c)}`,
		clean: T === 'VARCHAR' ? [`UPDATE ${ident(staged)} SET ${C} = ${typedSql(x, c, true)} WHERE ${C} IS DISTINCT FROM ${typedSql(x, c, true)}`] : [],
		type: T === 'VARCHAR' ? null : `${C} TYPE ${T} USING ${typedSql(x, c, true)}`
	};
	if (isNumeric(c) || readTyped(x, c)) {
		// Read as a DOUBLE or a BOOLEAN, a column is cast only to fill a default into its empty cells.
		if (T === x.read(c)) return { ...cellByCell, type: c.default !== null && c.default !== undefined && filled < rows ? cellByCell.type : null };
		return cellByCell;
	}
	if (!byValue(c)) {
		// Free text: trim() removes spaces, ASCII or Unicode (tested): only an empty cell, one starting or ending
		// with a space, or one holding a non-ASCII character may change, and these tests cost no string copy.
		const suspect = `(${C} = '' OR ${C} LIKE ' %' OR ${C} LIKE '% ' OR strlen(${C}) <> length(${C}))`;
		const trimmed = `NULLIF(trim(${C}), '')`;
		const untrimmed = await count(db, `${ident(staged)} WHERE ${suspect} AND ${trimmed} IS DISTINCT FROM ${C}`);
		const empty = c.required ? [`${C} IS NULL OR (${suspect} AND ${trimmed} IS NULL)`] : [];
		return {
			bad: `(${[...empty, `COALESCE(${hasControl(C)}, false)`].join(' OR ')})`,
			clean: [
				...(untrimmed ? [`UPDATE ${ident(staged)} SET ${C} = ${trimmed} WHERE ${suspect} AND ${trimmed} IS DISTINCT FROM ${C}`] : []),
				...(c.default !== null && c.default !== undefined ? [`UPDATE ${ident(staged)} SET ${C} = ${defaultSql(c)} WHERE ${C} IS NULL`] : [])
			],
			type: null
		};
	}
	const check = `${okSql(x, c)} AS ok, (${typedSql(x, c, true)})::VARCHAR AS typed`;
	let values: Array<{ raw: string | null; ok: boolean; typed: string | null }>;
	if (!rewriter)
		values = await db.query(`SELECT ${C} AS raw, ${check} FROM (SELECT DISTINCT ${C} FROM ${ident(staged)} LIMIT ${DISTINCT_LIMIT + 1})`);
	else {
		// Each distinct value cleaned as the pre-step would (« salarié » → employed), then checked cleaned.
		const groups = await db.query<{ raw: string | null; n: number }>(
			`SELECT ${C} AS raw, count(*)::INTEGER AS n FROM ${ident(staged)} GROUP BY ALL LIMIT ${DISTINCT_LIMIT + 1}`
		);
		if (groups.length > DISTINCT_LIMIT) return cellByCell;
		const pairs = groups.map((g) => `(${g.raw === null ? 'NULL' : literal(g.raw)}, ${g.raw === null ? 'NULL' : literal(rewriter.rewrite(c, g.raw, g.n))})`);
		values = pairs.length
			? await db.query(`SELECT raw, ${check} FROM (SELECT v::VARCHAR AS raw, w::VARCHAR AS ${C} FROM (VALUES ${pairs.join(', ')}) AS t(v, w))`)
			: [];
	}
	const invalid = values.filter((v) => !v.ok && v.raw !== null).map((v) => literal(v.raw!));
	if (values.length > DISTINCT_LIMIT || invalid.join().length > LIST_LIMIT) return cellByCell;
	const nullInvalid = values.some((v) => !v.ok && v.raw === null);
	const bad = [...(invalid.length ? [`${C} IN (${invalid.join(', ')})`] : []), ...(nullInvalid ? [`${C} IS NULL`] : [])];
	const rewrite = values.filter((v) => v.ok && v.raw !== null && v.raw !== v.typed);
	const ofNull = values.find((v) => v.ok && v.raw === null && v.typed !== null);
	return {
		bad: bad.length ? `(${bad.join(' OR ')})` : null,
		clean: [
			...(rewrite.length
				? [
						`UPDATE ${ident(staged)} SET ${C} = CASE ${C} ${rewrite.map((v) => `WHEN ${literal(v.raw!)} THEN ${v.typed === null ? 'NULL' : literal(v.typed)}`).join(' ')} END
						 WHERE ${C} IN (${rewrite.map((v) => literal(v.raw!)).join(', ')})`
					]
				: []),
			...(ofNull ? [`UPDATE ${ident(staged)} SET ${C} = ${literal(ofNull.typed!)} WHERE ${C} IS NULL`] : [])
		],
		type: T === 'VARCHAR' ? null : `${C} TYPE ${T} USING TRY_CAST(${C} AS ${T})`
	};
}

/**
 * A contract column fed by a total from which another column is subtracted: the household's size
 * (nb_personnes) feeding persons_14_plus, less persons_under_14 (ingest/index.ts mapHeader). Done in SQL on the
 * staged cells, as the pre-step does on text: only where both are whole numbers of 0 or more.
 */
export interface Derived {
	column: string;
	minus: string;
}

export interface LoadOptions {
	/** Name of the typed table to create (default: the contract's kind). */
	table?: string;
	/** Name under which the file was registered with the connector, or an absolute path. */
	file: string;
	/** Shown in messages (e.g. the user's file name). */
	displayName?: string;
	/** Separator, when known (the import pre-step writes `,`); otherwise DuckDB's sniffer decides. */
	delimiter?: string;
	/**
	 * Names of the file's columns in order, when known with the separator: DuckDB then reads with no
	 * sniffing, under these names (a contract column's name, or `__ignored_<i>` for a column to skip).
	 */
	header?: readonly string[];
	/** Windows-1252 file free of the bytes Latin-1 reads differently (ingest/stream.ts hasC1). */
	latin1?: boolean;
	/** Numbers written with a decimal comma (the reader then takes « 2100,5 » as a number). */
	decimalComma?: boolean;
	/** The import pre-step's cleaning of coded values (French spellings, dates, commune codes), value by value. */
	rewriter?: { rewrite(col: Column, raw: string, cells: number): string };
	derived?: Derived;
	/**
	 * One file of several of one kind (a `--data` folder): the keys loaded from the others, with their file and
	 * line, are in `origin.table`; a key seen there is rejected naming its first file and line, and this file's
	 * keys are added to it as `origin.file`.
	 */
	origin?: Origin;
}

export interface Origin {
	table: string;
	file: string;
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
	// Lines up to 32 MiB (DuckDB's default is 2 MiB): a long free-text cell must not make a file unreadable.
	const dialect = [
		opts.delimiter ? `, delim = ${literal(opts.delimiter)}, quote = '"', escape = '"'` : '',
		opts.latin1 ? `, encoding = 'latin-1'` : '',
		opts.decimalComma ? `, decimal_separator = ','` : ''
	].join('');
	const read = (options: string) => `read_csv(${literal(opts.file)}, header = true, max_line_size = 33554432${dialect}${options})`;
	const given = opts.delimiter && opts.header?.every((h) => h !== '') && new Set(opts.header).size === opts.header.length ? opts.header : null;
	let header: readonly string[];
	if (given) header = given;
	else
		try {
			header = (await db.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${read(', auto_detect = true, all_varchar = true')})`)).map(
				(r) => r.column_name
			);
		} catch (e) {
			report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
			return report;
		}
	const byName = new Map(contract.columns.map((c) => [c.name, c]));
	const allText = () => 'VARCHAR';
	/** The file read with the columns typed as `type` says (a known header spares DuckDB its sniffing). */
	const source = (type: (name: string) => string) =>
		given
			? read(`, auto_detect = false, columns = {${given.map((h) => `${literal(h)}: '${type(h)}'`).join(', ')}}`)
			: type === allText
				? read(', auto_detect = true, all_varchar = true')
				: read(`, auto_detect = true, types = {${header.filter((h) => byName.has(h) || h === LINE_COLUMN || h === PROBLEM_COLUMN).map((h) => `${literal(h)}: '${type(h)}'`).join(', ')}}`);
	const asRead = (h: string) => (h === LINE_COLUMN ? 'INTEGER' : h === PROBLEM_COLUMN ? 'VARCHAR' : byName.has(h) ? TYPED.read(byName.get(h)!) : 'VARCHAR');
	const known = new Set(contract.columns.map((c) => c.name));
	const present = new Set(header.filter((h) => known.has(h)));
	const hasLine = header.includes(LINE_COLUMN);
	const hasProblem = header.includes(PROBLEM_COLUMN);
	const extra = header.filter((h) => !known.has(h) && h !== LINE_COLUMN && h !== PROBLEM_COLUMN && !h.startsWith(IGNORED));
	if (extra.length) report.warnings.push(`colonnes inconnues ignorées : ${nameList(extra)}`);
	const missing = contract.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
	if (missing.length) {
		try {
			report.read = await count(db, source(allText));
		} catch (e) {
			report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
			return report;
		}
		report.rejected = report.read;
		report.fatal = `${report.file} : colonne obligatoire absente : ${missing.join(', ')} (fichier refusé en entier)`;
		return report;
	}

	// Pass 1: the raw cells, in contract order, straight from the reader (numbers typed by it when it can
	// read them all, otherwise every cell as text); an absent column is already its typed default. Rows keep
	// file order, so a row's line is its rowid + 2 (header on line 1), unless the pre-step gave each row its
	// physical line in __line.
	const staged = `${table}__staged`;
	const select = [
		...contract.columns.map((c) => (present.has(c.name) ? ident(c.name) : `${typedSql(TYPED, c, false)} AS ${ident(c.name)}`)),
		...(hasLine ? [`TRY_CAST(${ident(LINE_COLUMN)} AS INTEGER) AS ${ident(LINE_COLUMN)}`] : []),
		...(hasProblem ? [`NULLIF(${ident(PROBLEM_COLUMN)}::VARCHAR, '') AS ${ident(PROBLEM_COLUMN)}`] : [])
	].join(', ');
	const stage = (type: (name: string) => string) => db.query(`CREATE OR REPLACE TABLE ${ident(staged)} AS SELECT ${select} FROM ${source(type)}`);
	// A conversion error names its column: that column alone is re-read as text (a typo in one column of a
	// million rows must not make every cell a string to parse in SQL); past a few, or on any other error, all are.
	const asText = new Set<string>();
	let x: Cells | null = null;
	for (let attempt = 0; attempt < TYPED_ATTEMPTS && !x; attempt++) {
		try {
			await stage((h) => (asText.has(h) ? 'VARCHAR' : asRead(h)));
			x = asText.size ? mixedCells((c) => (asText.has(c.name) ? 'VARCHAR' : TYPED.read(c))) : TYPED;
		} catch (e) {
			const col = failedColumn((e as Error).message);
			if (!col || !byName.has(col) || asText.has(col)) break;
			asText.add(col);
		}
	}
	if (!x) {
		x = TEXT;
		try {
			await stage(allText);
		} catch (e) {
			report.fatal = `${report.file} : fichier illisible (${(e as Error).message.split('\n')[0]})`;
			return report;
		}
	}
	return validateStaged(db, contract, { table, staged, x, present, hasLine, hasProblem, report, rewriter: opts.rewriter, derived: opts.derived, origin: opts.origin });
}

/**
 * Validates a staged table already in DuckDB (a Parquet or Arrow file inserted by ingest/columnar.ts: every
 * contract column in contract order, typed as the file typed it where that is the contract's kind, text
 * otherwise, an absent one as its default) and makes it the typed table, as loadCsv does for a CSV's cells.
 * Rows keep the file's order (line = row + 2).
 */
export async function loadStaged(
	db: Connector,
	contract: Contract,
	opts: { relation: string; present: ReadonlySet<string>; table?: string; displayName?: string; rewriter?: LoadOptions['rewriter']; derived?: Derived }
): Promise<ValidationReport> {
	const table = opts.table ?? contract.kind;
	const report: ValidationReport = { kind: contract.kind, file: opts.displayName ?? opts.relation, read: 0, loaded: 0, rejected: 0, errors: [], warnings: [] };
	const missing = contract.columns.filter((c) => c.required && !opts.present.has(c.name)).map((c) => c.name);
	if (missing.length) {
		report.read = report.rejected = await count(db, ident(opts.relation));
		report.fatal = `${report.file} : colonne obligatoire absente : ${missing.join(', ')} (fichier refusé en entier)`;
		return report;
	}
	const types = new Map(
		(await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(opts.relation)}`)).map((r) => [r.column_name, r.column_type])
	);
	const x = mixedCells((c) => types.get(c.name) ?? 'VARCHAR');
	return validateStaged(db, contract, { table, staged: opts.relation, x, present: opts.present, hasLine: false, report, rewriter: opts.rewriter, derived: opts.derived });
}

/** What pass 1 hands on: the raw cells staged in contract order, and how SQL reaches them. */
interface Staged {
	table: string;
	staged: string;
	x: Cells;
	present: ReadonlySet<string>;
	hasLine: boolean;
	/** The staged table holds PROBLEM_COLUMN. */
	hasProblem?: boolean;
	origin?: Origin;
	report: ValidationReport;
	rewriter?: LoadOptions['rewriter'];
	derived?: Derived;
}

/**
 * A key already loaded from another file of the same kind: rejected, naming the file and line where it was first
 * seen (the same households in two files of a folder would otherwise count twice).
 */
async function crossFileKeys(
	db: Connector,
	contract: Contract,
	{ staged, rejects, L, origin, keyOf }: { staged: string; rejects: string; L: string; origin: Origin; keyOf: (k: string) => string }
): Promise<void> {
	const byName = new Map(contract.columns.map((c) => [c.name, c]));
	const typed = (k: string) => `CAST(${keyOf(k)} AS ${SQL_TYPES[byName.get(k)!.type]})`;
	const O = ident(origin.table);
	await db.query(
		`CREATE TABLE IF NOT EXISTS ${O} AS SELECT ${contract.key.map((k) => `${typed(k)} AS ${ident(k)}`).join(', ')}, ''::VARCHAR AS file, 0::INTEGER AS line FROM ${ident(staged)} LIMIT 0`
	);
	const k0 = ident(contract.key[0]);
	await db.query(
		`INSERT INTO ${ident(rejects)}
		 SELECT s.line, ${literal(contract.key[0])}, s.v, 'identifiant en double (première occurrence : ' || o.file || ', ligne ' || o.line || ')'
		 FROM (SELECT ${L} AS line, ${k0}::VARCHAR AS v, ${contract.key.map((k) => `${typed(k)} AS ${ident(`k_${k}`)}`).join(', ')} FROM ${ident(staged)}) s
		 JOIN ${O} o ON ${contract.key.map((k) => `o.${ident(k)} = s.${ident(`k_${k}`)}`).join(' AND ')}
		 WHERE s.line NOT IN (SELECT line FROM ${ident(rejects)})`
	);
}

/**
 * Passes 2 and 3 on a staged table: rejects with their reasons, duplicated keys, contract types; the staged
 * table becomes `table`, the rejects stay in `<table>_rejects`.
 */
async function validateStaged(
	db: Connector,
	contract: Contract,
	{ table, staged, x, present, hasLine, hasProblem, report, rewriter, derived, origin }: Staged
): Promise<ValidationReport> {
	const byName = new Map(contract.columns.map((c) => [c.name, c]));
	if (derived && present.has(derived.column) && present.has(derived.minus)) {
		const [total, minus] = [byName.get(derived.column)!, byName.get(derived.minus)!];
		const whole = (c: Column) => `(${x.num(c)} >= 0 AND ${x.num(c)} = round(${x.num(c)}))`;
		const difference = `${x.num(total)} - ${x.num(minus)}`;
		await db.query(
			`UPDATE ${ident(staged)} SET ${ident(total.name)} = ${x.read(total) === 'VARCHAR' ? numberText(difference) : difference}
			 WHERE ${whole(total)} AND ${whole(minus)}`
		);
	}
	const cols = contract.columns.filter((c) => present.has(c.name));
	const rules = ROW_RULES[contract.kind].filter((r) => present.has(r.column));
	const rejects = `${table}_rejects`;
	const L = hasLine ? ident(LINE_COLUMN) : '(rowid + 2)';
	report.read = await count(db, ident(staged));

	// Pass 2: the rows breaking the contract, by cheap checks (a column of few distinct values is checked
	// value by value, not cell by cell), then every reason of those rows only.
	const typed = cols.filter((c) => x.read(c) !== 'VARCHAR');
	const filled = typed.length
		? (await db.query<Record<string, number>>(`SELECT ${typed.map((c) => `count(${ident(c.name)})::INTEGER AS ${ident(c.name)}`).join(', ')} FROM ${ident(staged)}`))[0]
		: {};
	const plans: ColumnPlan[] = [];
	for (const c of cols) plans.push(await planColumn(db, x, c, staged, report.read, filled[c.name] ?? 0, rewriter));
	const bad = `${table}__bad`;
	const P = ident(PROBLEM_COLUMN);
	const broken = [
		...(hasProblem ? [`${P} IS NOT NULL`] : []),
		...plans.map((p) => p.bad).filter((b): b is string => b !== null),
		...rules.map((r) => `COALESCE(${r.when(x)}, false)`)
	];
	await db.query(`CREATE OR REPLACE TEMP TABLE ${ident(bad)} AS SELECT rowid AS rid FROM ${ident(staged)} WHERE ${broken.join(' OR ') || 'false'}`);
	// Cells cleaned in place (trimmed, French spellings and dates rewritten) before the reasons are written, so
	// that a row rejected for its age does not also get « valeur inconnue » for its « Personne seule ».
	for (const p of plans) for (const sql of p.clean) await db.query(sql);
	// A damaged line has one reason, its own: its cells were written empty.
	const unless = (reason: string) => (hasProblem ? `CASE WHEN ${P} IS NULL THEN ${reason} END` : reason);
	const checks = [
		...(hasProblem ? [`{'column': ${literal(WHOLE_LINE)}, 'value': NULL::VARCHAR, 'reason': ${P}}`] : []),
		...cols.map((c) => `{'column': ${literal(c.name)}, 'value': ${valueText(x, c)}, 'reason': ${unless(reasonSql(x, c))}}`),
		...rules.map(
			(r) => `{'column': ${literal(r.column)}, 'value': ${ident(r.column)}::VARCHAR, 'reason': ${unless(`CASE WHEN ${r.when(x)} THEN ${literal(r.reason)} END`)}}`
		)
	];
	await db.query(
		`CREATE OR REPLACE TABLE ${ident(rejects)} AS
		 SELECT line::INTEGER AS line, e.column AS "column", e.value AS value, e.reason AS reason
		 FROM (SELECT ${L} AS line, unnest(list_filter([${checks.join(', ')}], x -> x.reason IS NOT NULL)) AS e
		       FROM ${ident(staged)} WHERE rowid IN (SELECT rid FROM ${ident(bad)}))`
	);
	await db.query(`DELETE FROM ${ident(staged)} WHERE rowid IN (SELECT rid FROM ${ident(bad)})`);
	await db.query(`DROP TABLE ${ident(bad)}`);

	// Pass 3, valid rows only: duplicated keys (on typed values).
	// A duplicated key keeps its first valid row and rejects the later ones (DESIGN.md §6).
	const keyOf = (k: string) => (x.read(byName.get(k)!) === 'VARCHAR' && isNumeric(byName.get(k)!) ? typedSql(x, byName.get(k)!, true) : ident(k));
	const keys = contract.key.map(keyOf).join(', ');
	const dupKeys = `${table}__dup`;
	await db.query(`CREATE OR REPLACE TEMP TABLE ${ident(dupKeys)} AS SELECT ${keys} FROM ${ident(staged)} GROUP BY ALL HAVING count(*) > 1`);
	if (await count(db, ident(dupKeys))) await db.query(
		`INSERT INTO ${ident(rejects)}
		 SELECT line, ${literal(contract.key[0])}, ${ident(contract.key[0])}::VARCHAR,
		   'identifiant en double (première occurrence ligne ' || first_line || ')'
		 FROM (SELECT ${L} AS line, ${ident(contract.key[0])}, min(${L}) OVER (PARTITION BY ${keys}) AS first_line
		       FROM ${ident(staged)} WHERE (${keys}) IN (SELECT (${keys}) FROM ${ident(dupKeys)}))
		 WHERE line > first_line`
	);
	await db.query(`DROP TABLE ${ident(dupKeys)}`);
	if (origin) await crossFileKeys(db, contract, { staged, rejects, L, origin, keyOf });
	if (await count(db, ident(rejects))) await db.query(`DELETE FROM ${ident(staged)} WHERE ${L} IN (SELECT line FROM ${ident(rejects)})`);
	if (origin)
		await db.query(
			`INSERT INTO ${ident(origin.table)} SELECT ${contract.key.map((k) => `CAST(${keyOf(k)} AS ${SQL_TYPES[byName.get(k)!.type]})`).join(', ')}, ${literal(origin.file)}, ${L} FROM ${ident(staged)}`
		);
	// Finally each column takes its contract type (and its default where empty).
	for (const p of plans) if (p.type) await db.query(`ALTER TABLE ${ident(staged)} ALTER ${p.type}`);
	if (hasLine) await db.query(`ALTER TABLE ${ident(staged)} DROP COLUMN ${ident(LINE_COLUMN)}`);
	if (hasProblem) await db.query(`ALTER TABLE ${ident(staged)} DROP COLUMN ${P}`);
	await db.query(`DROP TABLE IF EXISTS ${ident(table)}`);
	await db.query(`ALTER TABLE ${ident(staged)} RENAME TO ${ident(table)}`);
	report.errors = await db.query<RowError>(`SELECT line, "column", value, reason FROM ${ident(rejects)} ORDER BY line, "column"`);
	report.rejected = (await db.query<{ n: number }>(`SELECT count(DISTINCT line)::INTEGER AS n FROM ${ident(rejects)}`))[0].n;
	report.loaded = await count(db, ident(table));
	for (const w of WARNING_RULES[contract.kind]) {
		if (!w.columns.every((c) => present.has(c))) continue;
		const n = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(table)} WHERE ${w.when}`))[0].n;
		if (n) report.warnings.push(`${formatNumber(n, 0)} ${w.text}`);
	}
	return report;
}
