/**
 * A household in a URL query string, so a Cas type can be shared: only fields that differ from the contract
 * defaults are written; reading goes through the same validation as the CLI (household-input.ts).
 */
import { HOUSEHOLDS } from '../data/schema.ts';
import { parseHousehold, type HouseholdCase } from './household-input.ts';

const TYPES = Object.fromEntries(HOUSEHOLDS.columns.map((c) => [c.name, c]));
const SKIP = new Set(['household_id', 'year', 'commune', 'iris', 'weight']);

export function householdToQuery(c: HouseholdCase): string {
	const q = new URLSearchParams();
	for (const col of HOUSEHOLDS.columns) {
		if (SKIP.has(col.name)) continue;
		const v = c.household[col.name as keyof typeof c.household];
		if (v === col.default || v === null || v === undefined) continue;
		q.set(col.name, col.type === 'bool' ? (v ? '1' : '0') : String(v));
	}
	if (c.amount_requested !== null) q.set('amount_requested', String(c.amount_requested));
	if (c.renewal_rank) q.set('renewal_rank', String(c.renewal_rank));
	return q.toString();
}

/** Parses a query string; throws a French message naming the field when a value is invalid. */
export function householdFromQuery(query: string): HouseholdCase {
	const q = new URLSearchParams(query);
	const data: Record<string, unknown> = {};
	for (const [k, raw] of q) {
		const col = TYPES[k];
		if (k === 'amount_requested' || k === 'renewal_rank' || (col && (col.type === 'int' || col.type === 'double'))) data[k] = raw === '' ? null : Number(raw);
		else if (col?.type === 'bool') data[k] = raw === '1' || raw === 'true' || raw === 'oui';
		else data[k] = raw;
	}
	return parseHousehold(data, 'lien');
}
