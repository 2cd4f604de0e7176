/**
 * One household typed by a person (CLI JSON file, Cas type form, URL): checked against the households contract
 * (DESIGN.md §3) with its defaults. Identifiers, year and commune are optional here: a commune is where a
 * scheme applies, not a condition of explain (DESIGN.md §5).
 */
import { z } from 'zod';
import { HOUSEHOLDS, type Column, type Household } from '../data/schema.ts';

const OPTIONAL_HERE: Record<string, string | number> = { household_id: 'cas-type', year: 2026, commune: '00000' };

function columnSchema(c: Column): z.ZodType {
	let s: z.ZodType;
	if (c.type === 'enum') s = z.enum(c.values as [string, ...string[]], { error: `valeurs possibles : ${c.values!.join(', ')}` });
	else if (c.type === 'bool') s = z.boolean({ error: 'true ou false attendu' });
	else if (c.type === 'text' || c.type === 'date') s = c.length ? z.string().length(c.length, `${c.length} caractères attendus`) : z.string();
	else {
		let n = c.type === 'int' ? z.number({ error: 'nombre entier attendu' }).int('nombre entier attendu') : z.number({ error: 'nombre attendu' }).finite();
		if (c.min !== undefined) n = n.min(c.min, `au moins ${c.min}`);
		if (c.max !== undefined) n = n.max(c.max, `au plus ${c.max}`);
		s = n;
	}
	if (c.name in OPTIONAL_HERE) return s.default(OPTIONAL_HERE[c.name]);
	if (!c.required) return c.default === null ? s.nullable().default(null) : s.default(c.default);
	return s;
}

const HouseholdInput = z
	.object({
		...Object.fromEntries(HOUSEHOLDS.columns.map((c) => [c.name, columnSchema(c)])),
		/** The need, € (DESIGN.md §5). */
		amount_requested: z.number().min(0).nullable().default(null),
		renewal_rank: z.number().int().min(0).default(0)
	})
	.strict();

export interface HouseholdCase {
	household: Household;
	amount_requested: number | null;
	renewal_rank: number;
}

/** Validates one household; errors name the field, in French. */
export function parseHousehold(data: unknown, file = 'ménage'): HouseholdCase {
	const r = HouseholdInput.safeParse(data);
	if (!r.success) {
		const i = r.error.issues[0];
		const name = i.path.join('.');
		const label = HOUSEHOLDS.columns.find((c) => c.name === name)?.label;
		const field = name ? (label ? `${name} (${label})` : name) : '(racine)';
		const msg = i.code === 'unrecognized_keys' ? `champ inconnu ${(i as { keys: string[] }).keys.join(', ')}` : i.message;
		throw new Error(`${file} : champ ${field} : ${msg}`);
	}
	const { amount_requested, renewal_rank, ...household } = r.data as Household & { amount_requested: number | null; renewal_rank: number };
	return { household: household as Household, amount_requested, renewal_rank };
}

/** Values typed in a form: an emptied field takes the contract default (0 € for money) before validation. */
export function parseForm(values: Record<string, unknown>): HouseholdCase {
	const data: Record<string, unknown> = { ...values };
	for (const c of HOUSEHOLDS.columns) {
		const v = data[c.name];
		if ((v === null || v === '' || v === undefined) && c.default !== undefined) data[c.name] = c.default;
	}
	if (data.amount_requested === '' || data.amount_requested === undefined) data.amount_requested = null;
	if (data.renewal_rank === null || data.renewal_rank === '' || data.renewal_rank === undefined) data.renewal_rank = 0;
	return parseHousehold(data, 'formulaire');
}
