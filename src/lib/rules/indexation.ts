/**
 * Constant euros (issue 17, item 5): a scheme's dated euro parameters expressed in euros of another year,
 * indexed on INSEE's consumer price index (cpi.ts). Pure: no I/O, the scheme given is not modified.
 *
 * Indexable: a parameter whose unit starts with « € » (€, €/an, €/mois, €/mois/UC, €/jour/personne…), unless
 * it says `indexable: false`; never counts, shares, months, days or years. A parameter already of the target
 * year, or of a later one, keeps its value.
 */
import { formatAmount } from './cents.ts';
import { cpiRatio, indexAmount } from './cpi.ts';
import type { Parameter, Scheme } from './scheme-schema.ts';

/** One euro parameter in euros of its year and in euros of `to_year`, for display and for the report. */
export interface IndexedParameter {
	id: string;
	label: string;
	unit: string;
	/** Year the scheme file's value is expressed in. */
	year: number;
	/** The scheme file's value, euros of `year`. */
	value: number;
	/** The same amount in euros of `to_year`, to the cent; equal to `value` when `year` ≥ `to_year`. */
	indexed_value: number;
	to_year: number;
	/** CPI(to_year) / CPI(year), four decimals; 1 when `year` ≥ `to_year`. */
	ratio: number;
}

export const isIndexable = (p: Parameter): boolean => p.indexable !== false && p.unit.trimStart().startsWith('€');

export function indexParameter(p: Parameter, toYear: number): IndexedParameter {
	const moves = p.year < toYear;
	return {
		id: p.id,
		label: p.label,
		unit: p.unit,
		year: p.year,
		value: p.value,
		indexed_value: moves ? indexAmount(p.value, p.year, toYear) : p.value,
		to_year: toYear,
		ratio: moves ? Math.round(cpiRatio(p.year, toYear) * 1e4) / 1e4 : 1
	};
}

/**
 * A copy of `scheme` whose indexable parameters carry their value in euros of `toYear` (and `year: toYear`, so
 * indexing twice changes nothing), and one row per indexable parameter. Not written with `withOverrides`: the
 * copy must also move each parameter's year, which an override does not; the indexed values keep their bounds
 * (the euro parameters' only bound is min 0).
 */
export function indexScheme(scheme: Scheme, toYear: number): { scheme: Scheme; rows: IndexedParameter[] } {
	const rows: IndexedParameter[] = [];
	const parameters = scheme.parameters.map((p): Parameter => {
		if (!isIndexable(p)) return p;
		const row = indexParameter(p, toYear);
		rows.push(row);
		if (p.year >= toYear) return p;
		return {
			...p,
			value: row.indexed_value,
			year: toYear,
			source: `${p.source} ; indexé sur l’IPC de l’INSEE : ${formatAmount(p.value)} ${p.unit} de ${p.year} = ${formatAmount(row.indexed_value)} ${p.unit} de ${toYear}`
		};
	});
	return { scheme: { ...scheme, parameters }, rows };
}
