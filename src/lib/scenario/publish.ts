/**
 * The report as it may be shown (page, `vigie simulate`, CSV exports): statistical secrecy of DESIGN.md §4.1 on
 * every count, mean and amount. Each figure rests on cells of unweighted households; a cell of 1 to minRows − 1
 * households is secret (primary), and where a published total is the sum of cells (the beneficiaries = poor +
 * above the line + unknown; the eligible = served + left out; a cumulative month = the month before + this
 * month…), applySecondarySecrecy masks one more cell so that no secret cell can be had by subtraction.
 * Cells nobody sees (e.g. the served households of unknown poverty) take part in the sums all the same.
 * Breakdown rows and reasons are masked where they are built (breakdowns.ts, reasons.ts); the reason « montant »
 * is exactly the perdant class, so it follows that class's mask here.
 */
import { applySecondarySecrecy, SECRECY_MIN_ROWS, type Aggregate, type SecrecyCell } from '../indicators/secrecy.ts';
import { CLASSES, type ClassCell, type ClassId } from './classes.ts';
import type { EnvelopeReport } from './envelope.ts';
import type { LeavingReasons } from './reasons.ts';
import type { Report, Totals } from './report.ts';

/** Every number of T may be null (secret). */
export type Masked<T> = T extends number ? number | null : T extends readonly (infer U)[] ? Masked<U>[] : T extends object ? { [K in keyof T]: Masked<T[K]> } : T;

export type PublishedClass = Masked<ClassCell> & { suppressed: boolean };
type PublishedEnvelope = Omit<Masked<EnvelopeReport>, 'by_month'> & { by_month: (Masked<EnvelopeReport['by_month'][number]> & { month: number })[] };
type Breakdown = Masked<Report['by_commune'][number]>[];
/** The figures that may be secret are nullable; the rest (territory, assumptions, changes, sources) as built. */
export type Published = Omit<Report, 'baseline' | 'scenario' | 'winners_losers' | 'envelope' | 'baseline_envelope' | 'leaving_reasons' | BreakdownKey> & {
	[K in BreakdownKey]: Breakdown;
} & {
	baseline: Masked<Totals>;
	scenario: Masked<Totals>;
	envelope: PublishedEnvelope;
	baseline_envelope: PublishedEnvelope;
	leaving_reasons: Masked<LeavingReasons>;
	winners_losers: Record<ClassId, PublishedClass> & { entrants: number | null; entrants_n: number | null };
	/** Paths of the secret figures (`scenario.cost`, `envelope.by_month.3.spent`, `winners_losers.perdant`…). */
	secret: string[];
	min_rows: number;
};

const BREAKDOWNS = ['by_commune', 'by_family_type', 'by_activity', 'by_tenure', 'by_decile'] as const;
type BreakdownKey = (typeof BREAKDOWNS)[number];

/** Cells (unweighted households and a size for the tie-break), the sums between them, and what each figure rests on. */
interface Plan {
	cells: Map<string, { n: number; size: number }>;
	aggregates: Aggregate[];
	/** Figure path → the cells it rests on (a ratio rests on its numerator and its denominator). */
	figures: [path: string, cells: string[]][];
}

function sidePlan(plan: Plan, prefix: string, envPath: string, t: Totals, env: EnvelopeReport): void {
	const c = (id: string) => `${prefix}:${id}`;
	const cell = (id: string, n: number, size: number) => plan.cells.set(c(id), { n, size });
	const sum = (total: string, members: string[]) => plan.aggregates.push({ totals: [c(total)], members: members.map(c) });
	const fig = (path: string, ...cells: string[]) => plan.figures.push([path, cells.map(c)]);
	const n = t.targeting.n;
	cell('eligible', t.eligible_n, t.eligible);
	cell('served', t.beneficiaries_n, t.beneficiaries);
	cell('left', env.left_out.n.households, env.left_out.households);
	cell('left_poor', env.left_out.n.poor, env.left_out.poor);
	cell('left_not_poor', env.left_out.n.households - env.left_out.n.poor, 0);
	cell('left_wp', env.left_out.n.working_poor, env.left_out.working_poor);
	cell('left_not_wp', env.left_out.n.households - env.left_out.n.working_poor, 0);
	cell('poor', n.poor, t.targeting.poor_households);
	cell('wp', n.working_poor, t.targeting.working_poor_households);
	cell('served_poor', n.served_poor, 0);
	cell('served_above', n.served_above, t.targeting.inclusion.households);
	cell('served_unknown', t.beneficiaries_n - n.served_poor - n.served_above, 0);
	cell('poor_unserved', n.poor - n.served_poor, t.targeting.exclusion.households);
	cell('served_wp', n.served_working_poor, 0);
	cell('wp_unserved', n.working_poor - n.served_working_poor, 0);
	// The working poor are poor households: their cells are parts of the poor ones.
	cell('poor_not_wp', n.poor - n.working_poor, 0);
	cell('served_poor_not_wp', n.served_poor - n.served_working_poor, 0);
	cell('poor_unserved_not_wp', n.poor - n.served_poor - (n.working_poor - n.served_working_poor), 0);
	sum('eligible', ['served', 'left']);
	sum('served', ['served_poor', 'served_above', 'served_unknown']);
	sum('poor', ['served_poor', 'poor_unserved']);
	sum('wp', ['served_wp', 'wp_unserved']);
	sum('poor', ['wp', 'poor_not_wp']);
	sum('served_poor', ['served_wp', 'served_poor_not_wp']);
	sum('poor_unserved', ['wp_unserved', 'poor_unserved_not_wp']);
	sum('left', ['left_poor', 'left_not_poor']);
	sum('left', ['left_wp', 'left_not_wp']);
	// The unweighted counts are counts too: secret with the figures they support.
	fig(`${prefix}.eligible_n`, 'eligible');
	fig(`${prefix}.beneficiaries_n`, 'served');
	for (const [k, on] of [['poor', 'poor'], ['working_poor', 'wp'], ['served_poor', 'served_poor'], ['served_above', 'served_above'], ['served_working_poor', 'served_wp']])
		fig(`${prefix}.targeting.n.${k}`, on);
	for (const [k, on] of [['households', 'left'], ['poor', 'left_poor'], ['working_poor', 'left_wp']]) fig(`${envPath}.left_out.n.${k}`, on);
	fig(`${prefix}.eligible`, 'eligible');
	fig(`${prefix}.eligible_cost`, 'eligible');
	for (const k of ['beneficiaries', 'cost', 'mean_aid', 'cost_per_inhabitant']) fig(`${prefix}.${k}`, 'served');
	const tg = `${prefix}.targeting`;
	fig(`${tg}.spending_to_poor`, 'served_poor', 'served');
	fig(`${tg}.coverage_poor`, 'served_poor', 'poor');
	fig(`${tg}.coverage_working_poor`, 'served_wp', 'wp');
	fig(`${tg}.exclusion.households`, 'poor_unserved');
	fig(`${tg}.exclusion.share`, 'poor_unserved', 'poor');
	fig(`${tg}.inclusion.households`, 'served_above');
	fig(`${tg}.inclusion.amount`, 'served_above');
	fig(`${tg}.inclusion.share`, 'served_above', 'served');
	fig(`${tg}.poor_households`, 'poor');
	fig(`${tg}.working_poor_households`, 'wp');
	fig(`${envPath}.spent`, 'served');
	fig(`${envPath}.consumed`, 'served');
	for (const k of ['households', 'cost', 'mean_rav_per_unit']) fig(`${envPath}.left_out.${k}`, 'left');
	fig(`${envPath}.left_out.poor`, 'left_poor');
	fig(`${envPath}.left_out.working_poor`, 'left_wp');
	// Months: demand and payments of the month, and their running sums (month m = month m − 1 + this month).
	let cumDemand = 0;
	let cumPaid = 0;
	for (const m of env.by_month) {
		cumDemand += m.demand_n;
		cumPaid += m.spent_n;
		cell(`d${m.month}`, m.demand_n, m.demand);
		cell(`p${m.month}`, m.spent_n, m.spent);
		cell(`D${m.month}`, cumDemand, m.cumulative_demand);
		cell(`P${m.month}`, cumPaid, m.cumulative_spent);
		sum(`D${m.month}`, m.month === 1 ? ['d1'] : [`D${m.month - 1}`, `d${m.month}`]);
		sum(`P${m.month}`, m.month === 1 ? ['p1'] : [`P${m.month - 1}`, `p${m.month}`]);
		const at = `${envPath}.by_month.${m.month}`;
		fig(`${at}.demand_households`, `d${m.month}`);
		fig(`${at}.demand_n`, `d${m.month}`);
		fig(`${at}.spent_n`, `p${m.month}`);
		fig(`${at}.demand`, `d${m.month}`);
		fig(`${at}.spent`, `p${m.month}`);
		fig(`${at}.cumulative_demand`, `D${m.month}`);
		fig(`${at}.cumulative_spent`, `P${m.month}`);
		fig(`${at}.remaining`, `P${m.month}`);
	}
	sum('eligible', env.by_month.map((m) => `d${m.month}`));
	sum('served', env.by_month.map((m) => `p${m.month}`));
}

function classPlan(plan: Plan, r: Report): void {
	const wl = r.winners_losers;
	plan.cells.set('households', { n: r.territory.rows, size: r.territory.households });
	for (const c of CLASSES) plan.cells.set(`class:${c}`, { n: wl[c].n, size: wl[c].households });
	plan.cells.set('class:entrants', { n: wl.entrants_n, size: wl.entrants });
	plan.cells.set('class:gagnant_other', { n: wl.gagnant.n - wl.entrants_n, size: 0 });
	plan.cells.set('losers', { n: r.leaving_reasons.n, size: r.leaving_reasons.losers });
	plan.aggregates.push({ totals: ['households'], members: CLASSES.map((c) => `class:${c}`) });
	plan.aggregates.push({ totals: ['class:gagnant'], members: ['class:entrants', 'class:gagnant_other'] });
	plan.aggregates.push({ totals: ['losers'], members: ['class:perdant', 'class:perdant_zero'] });
	for (const c of CLASSES) for (const k of ['households', 'n', 'amount']) plan.figures.push([`winners_losers.${c}.${k}`, [`class:${c}`]]);
	plan.figures.push(['winners_losers.entrants', ['class:entrants']], ['winners_losers.entrants_n', ['class:entrants']]);
	plan.figures.push(['leaving_reasons.losers', ['losers']]);
	plan.figures.push(['leaving_reasons.n', ['losers']]);
	for (const k of ['households', 'amount']) plan.figures.push([`leaving_reasons.rows.montant.${k}`, ['class:perdant']]);
}

export function publish(r: Report, minRows = SECRECY_MIN_ROWS): Published {
	const plan: Plan = { cells: new Map(), aggregates: [], figures: [] };
	sidePlan(plan, 'baseline', 'baseline_envelope', r.baseline, r.baseline_envelope);
	sidePlan(plan, 'scenario', 'envelope', r.scenario, r.envelope);
	classPlan(plan, r);
	const cells = new Map<string, SecrecyCell>();
	for (const [k, c] of plan.cells) cells.set(k, { n: c.n, denominator: c.size, suppressed: c.n > 0 && c.n < minRows });
	// The territory's households are always shown (the page's headline).
	cells.get('households')!.suppressed = false;
	// An empty cell reveals nothing by subtraction: it is left out of the sums (as classesTable did).
	applySecondarySecrecy(cells, plan.aggregates.map((a) => ({ ...a, members: a.members.filter((k) => cells.get(k)!.n > 0) })));
	const out = structuredClone(r) as unknown as Published;
	const secret = plan.figures.filter(([, on]) => on.some((k) => cells.get(k)!.suppressed)).map(([path]) => path);
	for (const path of secret) setNull(out, path);
	for (const c of CLASSES) out.winners_losers[c].suppressed = cells.get(`class:${c}`)!.suppressed;
	const reason = out.leaving_reasons.rows.find((x) => x.key === 'montant');
	if (reason && out.winners_losers.perdant.suppressed) reason.suppressed = true;
	// The row count of a secret row or reason would give away what the row hides.
	for (const row of [...out.leaving_reasons.rows, ...BREAKDOWNS.flatMap((k) => out[k])]) if (row.suppressed) row.n = null;
	out.secret = secret;
	out.min_rows = minRows;
	return out;
}

/** Sets the figure at `path` to null; a segment under an array picks the item of that `key` or `month`. */
function setNull(root: object, path: string): void {
	const parts = path.split('.');
	let at: unknown = root;
	for (const p of parts.slice(0, -1)) {
		at = Array.isArray(at) ? at.find((x) => x.key === p || String(x.month) === p) : (at as Record<string, unknown>)[p];
		if (at === undefined) return;
	}
	(at as Record<string, unknown>)[parts[parts.length - 1]] = null;
}
