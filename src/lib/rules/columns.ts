/**
 * Households as columns for the population evaluator: one Float64Array per numeric column, Uint8Array per
 * boolean, Uint8Array of codes per enum (index in the contract's list). Fetched once from DuckDB (or built
 * from objects); every scheme and every simulator move then runs in JS over the same arrays.
 */
import type { Connector } from '../db/connector.ts';
import { ident } from '../db/connector.ts';
import { BOOL_COLUMNS, ENUM_COLUMNS, NUMBER_COLUMNS, VARIABLES, type BoolColumn, type EnumColumn, type NumberColumn } from './variables.ts';

export interface Columns {
	n: number;
	num: Record<NumberColumn, Float64Array>;
	bool: Record<BoolColumn, Uint8Array>;
	/** Codes: index of the value in VARIABLES[column].values. */
	enums: Record<EnumColumn, Uint8Array>;
	weight: Float64Array;
	/** Need per household, € (NaN = not given: the scheme's default need rule applies). */
	amount_requested: Float64Array;
}

export function emptyColumns(n: number): Columns {
	const rec = <K extends string, T>(keys: readonly K[], make: () => T) => Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, T>;
	return {
		n,
		num: rec(NUMBER_COLUMNS, () => new Float64Array(n)),
		bool: rec(BOOL_COLUMNS, () => new Uint8Array(n)),
		enums: rec(ENUM_COLUMNS, () => new Uint8Array(n)),
		weight: new Float64Array(n).fill(1),
		amount_requested: new Float64Array(n).fill(NaN)
	};
}

type Input = Record<string, unknown>;

/** Row objects (households or query rows) → columns. Unknown numbers (null) become NaN and fail every comparison. */
export function toColumns(objects: readonly object[]): Columns {
	const rows = objects as readonly Input[];
	const cols = emptyColumns(rows.length);
	const codes = Object.fromEntries(ENUM_COLUMNS.map((c) => [c, new Map(VARIABLES[c].values!.map((v, i) => [v, i]))]));
	rows.forEach((r, i) => {
		for (const c of NUMBER_COLUMNS) {
			const v = r[c];
			cols.num[c][i] = v === null || v === undefined ? (c === 'years_in_commune' ? NaN : 0) : Number(v);
		}
		for (const c of BOOL_COLUMNS) cols.bool[c][i] = r[c] ? 1 : 0;
		for (const c of ENUM_COLUMNS) {
			const code = codes[c].get(String(r[c]));
			if (code === undefined) throw new Error(`ménage ${i + 1} : ${c} « ${String(r[c])} » inconnu`);
			cols.enums[c][i] = code;
		}
		cols.weight[i] = r.weight === undefined || r.weight === null ? 1 : Number(r.weight);
		const req = r.amount_requested;
		if (req !== undefined && req !== null) cols.amount_requested[i] = Number(req);
	});
	return cols;
}

/** Reads the columns the rules need from a DuckDB table loaded with the households contract. */
export async function loadColumns(db: Connector, table = 'households', where = ''): Promise<Columns> {
	const names = [...NUMBER_COLUMNS, ...BOOL_COLUMNS, ...ENUM_COLUMNS, 'weight'];
	const rows = await db.query<Input>(`SELECT ${names.map(ident).join(', ')} FROM ${ident(table)} ${where}`);
	return toColumns(rows);
}
