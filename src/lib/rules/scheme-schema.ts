/**
 * The scheme language (DESIGN.md §5): a closed, typed vocabulary that a CCAS règlement is written in, checked
 * by zod when a scheme file is loaded. Every number a rule uses is a dated, sourced parameter referenced by id,
 * so `--set key=value` and the simulator can move it and the UI can say where it comes from.
 */
import { z } from 'zod';
import { CHARGE_COLUMNS, RESOURCE_COLUMNS, type ChargeColumn, type ResourceColumn } from '../data/schema.ts';
import { VARIABLES } from './variables.ts';

export interface Parameter {
	id: string;
	label: string;
	value: number;
	/** e.g. '€/jour/personne', '€', 'part', 'mois', 'ans', 'ménages'. */
	unit: string;
	/** Year the value is expressed in (5 € of 2008 ≠ 5 € of 2026: domain.md §4.3). */
	year: number;
	/** A seed file name (with the passage), `domain.md §…`, or `hypothèse : <reasoning>`. */
	source: string;
	min?: number;
	max?: number;
	integer?: boolean;
	/**
	 * Euro parameters (unit starting with « € ») follow the consumer price index when the user asks for indexed
	 * thresholds (rules/indexation.ts). `false` keeps a euro amount nominal whatever the year: one the rule fixes
	 * in current euros by itself (a legal amount revalued by its own text, read for the data's year) must not be
	 * moved a second time by the CPI. No seed parameter needs it: the seeds' amounts are their year's euros.
	 */
	indexable?: false;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Condition =
	| { kind: 'all'; id: string; label: string; of: Condition[] }
	| { kind: 'any'; id: string; label: string; of: Condition[] }
	/** variable OP threshold; the threshold is a parameter id, or a literal for definitional constants (0, 1). */
	| { kind: 'compare'; id: string; label: string; variable: string; op: CompareOp; param?: string; value?: number }
	| { kind: 'in'; id: string; label: string; variable: string; values: string[] }
	| { kind: 'is'; id: string; label: string; variable: string; value: boolean };

export type Divisor =
	| { kind: 'persons' }
	| { kind: 'uc' }
	/** Local "parts" scale (domain.md §4.2 [S55][S52]): first person, each other person 14+, each child < 14. */
	| { kind: 'parts'; first: number; other_14_plus: number; under_14: number; single_parent_bonus: number; source: string };

export interface RavSpec {
	resources: ResourceColumn[];
	charges: ChargeColumn[];
	/** `resource`: APL counted as a resource, gross rent as a charge; `residual_rent`: rent − APL as the charge. Never both. */
	housing_aid: 'resource' | 'residual_rent';
	divisor: Divisor;
	period: 'day' | 'month';
	/** Parameter id holding the days per month (30 by default: domain.md §10.2). */
	days_per_month: string;
}

/** Need of a household: `amount_requested` when given (DESIGN.md §5), else this default rule. */
export type NeedRule =
	/** Shortfall of the per-unit RAV below a threshold, over `months` months, for the whole household. */
	| { kind: 'shortfall'; threshold: string; months: string }
	| { kind: 'fixed'; amount: string };

export interface Band {
	/** Upper bound (exclusive) of the per-unit RAV, parameter id; null = no upper bound. */
	below: string | null;
	/** Either a fixed amount or a share of the need, both parameter ids. */
	amount?: string;
	share?: string;
}

export type AmountRule =
	/** Fixed amount, per month of the period (× duration) or per grant. */
	| { kind: 'fixed'; amount: string; per: 'month' | 'grant' }
	/** Share of need (1 if omitted), capped. */
	| { kind: 'need'; need: NeedRule; share?: string; cap?: string }
	/** Bands by per-unit RAV (first band open towards −∞, so a negative RAV is covered), capped. */
	| { kind: 'bands'; need: NeedRule; bands: Band[]; cap?: string };

export type FormSplit =
	| { kind: 'split'; voucher_share: string }
	| { kind: 'single'; form: 'voucher' | 'cash' | 'direct_payment' | 'in_kind' };

export interface Duration {
	/** Months covered by the first grant (parameter id), if the aid runs over a period. */
	months?: string;
	/** Renewals allowed after the first grant (parameter id). */
	renewals?: string;
	/** Reduction applied at each renewal, as a share (0.5 = −50 %), parameter id. */
	degressivity?: string;
	/** Accompaniment / contract length, parameter id. */
	support_months?: string;
	commission: string;
}

export interface Budget {
	/** Yearly envelope, €, parameter id. */
	envelope?: string;
	/** Yearly number of beneficiaries, parameter id. */
	capacity?: string;
	/** Who is served first when envelope or capacity binds. */
	priority: 'lowest_rav' | 'request_order';
	priority_source: string;
}

export interface Scheme {
	id: string;
	label: string;
	description: string;
	communes: { codes: string[]; source: string };
	/** Seed file the scheme comes from. */
	source: string;
	parameters: Parameter[];
	rav: RavSpec;
	conditions: Condition;
	amount: AmountRule;
	form: FormSplit;
	duration: Duration;
	budget: Budget;
	/** Flag households that look eligible to RSA or prime d'activité but receive neither (La Rochelle seed). */
	rights_check?: boolean;
	notes?: string[];
}

// ---------------------------------------------------------------- zod schemas

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'identifiant : minuscules, chiffres, _ ou -');
const SOURCE = /^(\d{3}_[0-9a-f]{16}\.txt|domain\.md §|hypothèse : .{20,})/s;

export const ParameterSchema = z
	.object({
		id,
		label: z.string().min(1),
		value: z.number().finite(),
		unit: z.string().min(1),
		year: z.number().int().min(1990).max(2100),
		source: z.string().regex(SOURCE, 'source : nom du fichier de la graine, « domain.md § », ou « hypothèse : » suivi du raisonnement'),
		min: z.number().optional(),
		max: z.number().optional(),
		integer: z.boolean().optional(),
		indexable: z.literal(false).optional()
	})
	.strict();

const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z.union([
		z.object({ kind: z.literal('all'), id, label: z.string().min(1), of: z.array(ConditionSchema).min(1) }).strict(),
		z.object({ kind: z.literal('any'), id, label: z.string().min(1), of: z.array(ConditionSchema).min(1) }).strict(),
		z
			.object({
				kind: z.literal('compare'),
				id,
				label: z.string().min(1),
				variable: z.string(),
				op: z.enum(['<', '<=', '>', '>=', '==', '!=']),
				param: z.string().optional(),
				value: z.number().finite().optional()
			})
			.strict(),
		z.object({ kind: z.literal('in'), id, label: z.string().min(1), variable: z.string(), values: z.array(z.string()).min(1) }).strict(),
		z.object({ kind: z.literal('is'), id, label: z.string().min(1), variable: z.string(), value: z.boolean() }).strict()
	])
);

const NeedSchema = z.union([
	z.object({ kind: z.literal('shortfall'), threshold: z.string(), months: z.string() }).strict(),
	z.object({ kind: z.literal('fixed'), amount: z.string() }).strict()
]);

const AmountSchema = z.union([
	z.object({ kind: z.literal('fixed'), amount: z.string(), per: z.enum(['month', 'grant']) }).strict(),
	z.object({ kind: z.literal('need'), need: NeedSchema, share: z.string().optional(), cap: z.string().optional() }).strict(),
	z
		.object({
			kind: z.literal('bands'),
			need: NeedSchema,
			bands: z.array(z.object({ below: z.string().nullable(), amount: z.string().optional(), share: z.string().optional() }).strict()).min(1),
			cap: z.string().optional()
		})
		.strict()
]);

export const SchemeSchema = z
	.object({
		id,
		label: z.string().min(1),
		description: z.string().min(1),
		communes: z.object({ codes: z.array(z.string().regex(/^[0-9][0-9AB][0-9]{3}$/)), source: z.string().min(1) }).strict(),
		source: z.string().min(1),
		parameters: z.array(ParameterSchema).min(1),
		rav: z
			.object({
				resources: z.array(z.enum(RESOURCE_COLUMNS)),
				charges: z.array(z.enum(CHARGE_COLUMNS)),
				housing_aid: z.enum(['resource', 'residual_rent']),
				divisor: z.union([
					z.object({ kind: z.literal('persons') }).strict(),
					z.object({ kind: z.literal('uc') }).strict(),
					z
						.object({
							kind: z.literal('parts'),
							first: z.number().positive(),
							other_14_plus: z.number().min(0),
							under_14: z.number().min(0),
							single_parent_bonus: z.number().min(0),
							source: z.string().min(1)
						})
						.strict()
				]),
				period: z.enum(['day', 'month']),
				days_per_month: z.string()
			})
			.strict(),
		conditions: ConditionSchema,
		amount: AmountSchema,
		form: z.union([
			z.object({ kind: z.literal('split'), voucher_share: z.string() }).strict(),
			z.object({ kind: z.literal('single'), form: z.enum(['voucher', 'cash', 'direct_payment', 'in_kind']) }).strict()
		]),
		duration: z
			.object({
				months: z.string().optional(),
				renewals: z.string().optional(),
				degressivity: z.string().optional(),
				support_months: z.string().optional(),
				commission: z.string().min(1)
			})
			.strict(),
		budget: z
			.object({
				envelope: z.string().optional(),
				capacity: z.string().optional(),
				priority: z.enum(['lowest_rav', 'request_order']),
				priority_source: z.string().min(1)
			})
			.strict(),
		rights_check: z.boolean().optional(),
		notes: z.array(z.string()).optional()
	})
	.strict()
	.superRefine((s, ctx) => {
		const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
		const params = new Map<string, Parameter>();
		for (const p of s.parameters) {
			if (params.has(p.id)) issue(`paramètre en double : ${p.id}`);
			params.set(p.id, p);
			checkBounds(p, issue);
		}
		const ref = (pid: string | undefined | null, where: string) => {
			if (pid != null && !params.has(pid)) issue(`${where} : paramètre inconnu « ${pid} »`);
		};
		// Housing aid is counted one way only (domain.md §4.2 "never both").
		if (s.rav.housing_aid === 'resource' && s.rav.charges.includes('charge_rent') && !s.rav.resources.includes('benefit_housing'))
			issue('rav : loyer brut en charge mais aide au logement absente des ressources');
		if (s.rav.housing_aid === 'residual_rent' && s.rav.resources.includes('benefit_housing'))
			issue('rav : loyer résiduel (loyer − APL) et APL en ressource : double compte');
		if (s.rav.housing_aid === 'residual_rent' && !s.rav.charges.includes('charge_rent')) issue('rav : loyer résiduel sans loyer en charge');
		ref(s.rav.days_per_month, 'rav.days_per_month');
		const ids = new Set<string>();
		const walk = (c: Condition) => {
			if (ids.has(c.id)) issue(`condition en double : ${c.id}`);
			ids.add(c.id);
			if (c.kind === 'all' || c.kind === 'any') return c.of.forEach(walk);
			const v = VARIABLES[c.variable];
			if (!v) return issue(`condition ${c.id} : variable inconnue « ${c.variable} »`);
			if (c.kind === 'compare') {
				if (v.kind !== 'number') issue(`condition ${c.id} : ${c.variable} n’est pas numérique`);
				if ((c.param === undefined) === (c.value === undefined)) issue(`condition ${c.id} : donner param ou value (un seul)`);
				ref(c.param, `condition ${c.id}`);
			} else if (c.kind === 'in') {
				if (v.kind !== 'enum') issue(`condition ${c.id} : ${c.variable} n’est pas une liste de valeurs`);
				else for (const x of c.values) if (!v.values!.includes(x)) issue(`condition ${c.id} : valeur « ${x} » inconnue pour ${c.variable}`);
			} else if (v.kind !== 'bool') issue(`condition ${c.id} : ${c.variable} n’est pas un booléen`);
		};
		walk(s.conditions);
		const needRefs = (n: NeedRule) => (n.kind === 'shortfall' ? [n.threshold, n.months] : [n.amount]);
		const a = s.amount;
		const amountRefs =
			a.kind === 'fixed'
				? [a.amount]
				: a.kind === 'need'
					? [...needRefs(a.need), a.share, a.cap]
					: [...needRefs(a.need), a.cap, ...a.bands.flatMap((b) => [b.below, b.amount, b.share])];
		for (const r of amountRefs) ref(r, 'montant');
		if (a.kind === 'bands') {
			a.bands.forEach((b, i) => {
				if ((b.amount === undefined) === (b.share === undefined)) issue(`tranche ${i + 1} : donner amount ou share (un seul)`);
				if (b.below === null && i !== a.bands.length - 1) issue('seule la dernière tranche peut être sans borne');
			});
		}
		if (a.kind === 'fixed' && a.per === 'month' && !s.duration.months) issue('montant mensuel sans durée (duration.months)');
		if (s.form.kind === 'split') ref(s.form.voucher_share, 'forme');
		for (const k of ['months', 'renewals', 'degressivity', 'support_months'] as const) ref(s.duration[k], `durée.${k}`);
		ref(s.budget.envelope, 'enveloppe');
		ref(s.budget.capacity, 'capacité');
	});

/** min/max/integer of a parameter, used at load and by `--set`. */
export function checkBounds(p: Parameter, issue: (message: string) => void, value = p.value): void {
	if (!Number.isFinite(value)) issue(`${p.id} : valeur non numérique`);
	else if (p.integer && !Number.isInteger(value)) issue(`${p.id} : un nombre entier est attendu (reçu ${value})`);
	else if (p.min !== undefined && value < p.min) issue(`${p.id} : ${value} est inférieur au minimum ${p.min} ${p.unit}`);
	else if (p.max !== undefined && value > p.max) issue(`${p.id} : ${value} dépasse le maximum ${p.max} ${p.unit}`);
}

/** Validates a scheme file; the error lists every problem in French. */
export function parseScheme(data: unknown, file = 'dispositif'): Scheme {
	const r = SchemeSchema.safeParse(data);
	if (!r.success) {
		const lines = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') + ' : ' : ''}${i.message}`);
		throw new Error(`${file} invalide : ${lines.join(' ; ')}`);
	}
	return r.data as Scheme;
}

export const isHypothesis = (p: Parameter) => p.source.startsWith('hypothèse');

/** Parameter values by id, for the evaluators. */
export function paramValues(s: Scheme): Record<string, number> {
	return Object.fromEntries(s.parameters.map((p) => [p.id, p.value]));
}
