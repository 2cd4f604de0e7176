/**
 * The report as it may be shown (page, `vigie simulate`, CSV exports): statistical secrecy of DESIGN.md §4.1 on
 * every count, mean and amount. Each figure rests on cells of unweighted households; a cell of 1 to minRows − 1
 * households is secret (primary), and where a published total is the sum of cells (the beneficiaries = poor +
 * above the line + unknown; the eligible = served + left out; a cumulative month = the month before + this
 * month…), applySecondarySecrecy masks one more cell so that no secret cell can be had by subtraction.
 * Cells nobody sees (e.g. the served households of unknown poverty) take part in the sums all the same.
 * Breakdown rows and reasons carry the verdicts decided where they are built (breakdowns.ts, reasons.ts); the
 * reason « montant » is exactly the perdant class, so it follows that class's mask here. The envelope of each
 * commune and the breakdown row of that commune show the same eligible and served households: their cells are
 * decided together (a commune's cell hidden in one is hidden in the other), the territory's total taken as shown.
 *
 * Real data (default): every secret figure is null (`secret` lists their paths), secret rows and classes are
 * `suppressed: true` with null figures. Synthetic data (`synthetic: true`, DESIGN.md §4.1 « synthetic data shows
 * values with a mark »): secrecy is decided exactly the same way but no figure is nulled; `secret` lists the
 * paths that would be null on real data, `synthetic: true` says they are shown, and rows, reasons and classes
 * that would be hidden say so with `would_be_secret` (see Published).
 */
import { applySecondarySecrecy, SECRECY_MIN_ROWS, type Aggregate, type SecrecyCell } from '../indicators/secrecy.ts';
import { ROW_CELLS, type BreakdownRow, type RowCell } from './breakdowns.ts';
import { CLASSES, type ClassCell, type ClassId } from './classes.ts';
import type { EnvelopeReport } from './envelope.ts';
import type { NeedReport } from './need.ts';
import type { LeavingReasons, ReasonRow } from './reasons.ts';
import type { Report, Totals } from './report.ts';

/** Every number of T may be null (secret). */
export type Masked<T> = T extends number ? number | null : T extends readonly (infer U)[] ? Masked<U>[] : T extends object ? { [K in keyof T]: Masked<T[K]> } : T;

/** On synthetic data only: the row, reason or class would be hidden on real data (its figures are shown). */
interface SyntheticMark {
	would_be_secret?: boolean;
}

export type PublishedClass = Masked<ClassCell> & { suppressed: boolean } & SyntheticMark;
type PublishedEnvelope = Omit<Masked<EnvelopeReport>, 'by_month' | 'by_commune'> & {
	by_month: (Masked<EnvelopeReport['by_month'][number]> & { month: number })[];
	/** Per-commune figures null when secret (paths `envelope.by_commune.<code>.<field>` in `secret`). */
	by_commune: (Masked<EnvelopeReport['by_commune'][number]> & { commune: string; label: string; exhausted_month_label: string | null })[];
};
/**
 * A breakdown row. Real data: `suppressed` rows have every figure (and `n`) null; other rows have their secret
 * cells null. Synthetic data: `suppressed` is false and every value is shown; `would_be_secret` says the whole row
 * would be hidden on real data, and `would_be_secret_cells` lists each cell that would be null (all of them for
 * such a row), as paths in the row: 'baseline.eligible', 'baseline.beneficiaries', 'baseline.cost', the same under
 * 'scenario', 'gagnant', 'perdant', 'perdant_zero'.
 */
export type PublishedRow = Masked<Omit<BreakdownRow, 'secret_cells' | 'baseline' | 'scenario'>> & {
	baseline: Masked<BreakdownRow['baseline']> | null;
	scenario: Masked<BreakdownRow['scenario']> | null;
	would_be_secret?: boolean;
	would_be_secret_cells?: RowCell[];
};
type Breakdown = PublishedRow[];
/** The figures that may be secret are nullable; the rest (territory, assumptions, changes, sources) as built. */
export type Published = Omit<Report, 'baseline' | 'scenario' | 'winners_losers' | 'envelope' | 'baseline_envelope' | 'leaving_reasons' | 'need' | BreakdownKey> & {
	[K in BreakdownKey]: Breakdown;
} & {
	baseline: Masked<Totals>;
	scenario: Masked<Totals>;
	envelope: PublishedEnvelope;
	baseline_envelope: PublishedEnvelope;
	/** Reason rows: as breakdown rows (null figures when suppressed on real data; `would_be_secret` on synthetic data). */
	leaving_reasons: Omit<Masked<LeavingReasons>, 'rows'> & { rows: (Masked<ReasonRow> & { key: string; label: string; suppressed: boolean } & SyntheticMark)[] };
	need: { baseline: PublishedNeed; scenario: PublishedNeed };
	winners_losers: Record<ClassId, PublishedClass> & { entrants: number | null; entrants_n: number | null };
	/**
	 * Paths of the secret figures (`scenario.cost`, `envelope.by_month.3.spent`, `envelope.by_commune.93061.spent`,
	 * `need.scenario.lifted.households`, `winners_losers.perdant`…): null on real data, shown on synthetic data.
	 */
	secret: string[];
	min_rows: number;
	/** Present (true) on synthetic data only: the figures listed in `secret` are shown, not nulled. */
	synthetic?: true;
};
type PublishedNeed = Omit<Masked<NeedReport>, 'threshold_label' | 'threshold_source' | 'method' | 'threshold_unit'> & Pick<NeedReport, 'threshold_label' | 'threshold_source' | 'method' | 'threshold_unit'>;

export interface PublishOptions {
	/** Secrecy threshold, unweighted rows (default SECRECY_MIN_ROWS = 11). */
	minRows?: number;
	/** The data is synthetic (loadFolder's / the session's `synthetic`): figures shown, marked. */
	synthetic?: boolean;
	/**
	 * A territory of several communes: what each commune's own report hides (partMasks). A figure, reason or class
	 * a commune hides on its own is hidden here too (breakdown rows: through the report's `forced`), so that this
	 * territory minus another never gives a commune's secret figure back (DESIGN.md §4.1; selection.ts).
	 */
	parts?: PartMasks;
	/**
	 * The territory is every commune of the data (the département): then, as the indicators' département, a cell
	 * is hidden only where the communes hiding it are one, or hold 1 to 10 rows together (what the others minus
	 * it would isolate); otherwise as soon as one commune hides it (« none » of the secret communes).
	 */
	whole?: boolean;
}

/** What one commune hides on its own report: cells of the plan, breakdown rows and reasons, with their rows. */
export interface PartMask {
	/** Plan cell (`scenario:beneficiaries`, `class:perdant`, `baseline:commune:served:93061`…) → unweighted rows. */
	cells: Map<string, number>;
	/** `<breakdown>:<key>` and `reason:<key>` → unweighted rows. */
	rows: Map<string, number>;
	/** `<breakdown>:<key>` → its hidden cells (`scenario.beneficiaries`…) and their unweighted rows. */
	rowCells: Map<string, Map<string, number>>;
}

/** The communes' masks together: for each key, the rows of each commune hiding it. */
export interface PartMasks {
	cells: Map<string, number[]>;
	rows: Map<string, number[]>;
	rowCells: Map<string, Map<string, number[]>>;
}

export function partMasks(parts: readonly PartMask[]): PartMasks {
	const m: PartMasks = { cells: new Map(), rows: new Map(), rowCells: new Map() };
	const add = (to: Map<string, number[]>, k: string, n: number) => (to.get(k) ?? to.set(k, []).get(k)!).push(n);
	for (const p of parts) {
		for (const [k, n] of p.cells) add(m.cells, k, n);
		for (const [k, n] of p.rows) add(m.rows, k, n);
		for (const [k, cs] of p.rowCells) for (const [c, n] of cs) add(m.rowCells.get(k) ?? m.rowCells.set(k, new Map()).get(k)!, c, n);
	}
	return m;
}

/** Whether a key the communes hide (`ns`: their rows) is hidden in the territory (PublishOptions.whole). */
export function hiddenByParts(ns: readonly number[] | undefined, whole: boolean, minRows = SECRECY_MIN_ROWS): boolean {
	if (!ns?.length) return false;
	if (!whole) return true;
	const sum = ns.reduce((t, n) => t + n, 0);
	return ns.length === 1 || (sum > 0 && sum < minRows);
}

/** What a commune's report hides on its own, without publishing it (the parts of selection.ts). */
export function partMask(r: Report, minRows = SECRECY_MIN_ROWS): PartMask {
	const { plan, cells } = decide(r, minRows, partMasks([]), false);
	const hidden = (k: string) => cells.get(k)!.suppressed;
	const out: PartMask = { cells: new Map(), rows: new Map(), rowCells: new Map() };
	for (const [k, c] of cells) if (c.suppressed && !plan.cells.get(k)!.shown) out.cells.set(k, c.n);
	for (const k of BREAKDOWNS)
		for (const row of r[k] as unknown as Array<{ key: string; n: number; suppressed: boolean; secret_cells: RowCell[]; cells_n: number[] }>) {
			const key = `${k}:${row.key}`;
			if (row.suppressed) out.rows.set(key, row.n);
			// A hidden row hides each of its cells, each with its own rows.
			const cs = new Map<string, number>((row.suppressed ? ROW_CELLS : row.secret_cells).map((c) => [c, row.cells_n[ROW_CELLS.indexOf(c)]]));
			if (k === 'by_commune')
				for (const side of ['baseline', 'scenario'] as const) {
					const el = cells.get(`${side}:commune:eligible:${row.key}`);
					const sv = cells.get(`${side}:commune:served:${row.key}`);
					if (el?.suppressed) cs.set(`${side}.eligible`, el.n);
					if (sv?.suppressed) (cs.set(`${side}.beneficiaries`, sv.n), cs.set(`${side}.cost`, sv.n));
				}
			if (cs.size) out.rowCells.set(key, cs);
		}
	for (const row of r.leaving_reasons.rows) if (row.suppressed || (row.key === 'montant' && hidden('class:perdant'))) out.rows.set(`reason:${row.key}`, row.n);
	return out;
}

const BREAKDOWNS = ['by_commune', 'by_family_type', 'by_activity', 'by_tenure', 'by_decile'] as const;
type BreakdownKey = (typeof BREAKDOWNS)[number];

/** Cells (unweighted households and a size for the tie-break), the sums between them, and what each figure rests on. */
interface Plan {
	/** `forced`: secret whatever its size (a commune whose breakdown row is secret); `shown`: never secret (a total taken as shown). */
	cells: Map<string, { n: number; size: number; forced?: boolean; shown?: boolean }>;
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

/**
 * Need of a side (need.ts): households below the RAV threshold = helped (served) + the others; helped = lifted +
 * the others; the served = helped + served above the threshold. Poverty rests on the targeting cells: poor,
 * served poor (= lifted out of poverty + the others).
 */
function needPlan(plan: Plan, side: 'baseline' | 'scenario', need: NeedReport, t: Totals): void {
	const c = (id: string) => `${side}:${id}`;
	const cell = (id: string, n: number, size: number) => plan.cells.set(c(id), { n, size });
	const sum = (total: string, members: string[]) => plan.aggregates.push({ totals: [c(total)], members: members.map(c) });
	const fig = (path: string, ...cells: string[]) => plan.figures.push([`need.${side}.${path}`, cells.map(c)]);
	cell('need_below', need.below_before.n, need.below_before.households);
	cell('need_helped', need.helped.n, need.helped.households);
	cell('need_below_other', need.below_before.n - need.helped.n, 0);
	cell('need_lifted', need.lifted.n, need.lifted.households);
	cell('need_helped_other', need.helped.n - need.lifted.n, 0);
	cell('served_not_below', t.beneficiaries_n - need.helped.n, 0);
	cell('pov_lifted', need.poverty.lifted.n, need.poverty.lifted.households);
	cell('pov_helped_other', need.poverty.helped.n - need.poverty.lifted.n, 0);
	sum('need_below', ['need_helped', 'need_below_other']);
	sum('need_helped', ['need_lifted', 'need_helped_other']);
	sum('served', ['need_helped', 'served_not_below']);
	sum('served_poor', ['pov_lifted', 'pov_helped_other']);
	for (const [at, below, helped, lifted] of [
		['', 'need_below', 'need_helped', 'need_lifted'],
		['poverty.', 'poor', 'served_poor', 'pov_lifted']
	]) {
		for (const k of ['households', 'n']) {
			fig(`${at}below_before.${k}`, below);
			fig(`${at}helped.${k}`, helped);
			fig(`${at}lifted.${k}`, lifted);
		}
		fig(`${at}gap_before`, below);
		fig(`${at}gap_closed`, helped);
		// gap after = before − closed: shown only with both.
		fig(`${at}gap_after`, below, helped);
		fig(`${at}gap_closed_per_euro`, helped, 'served');
	}
}

/**
 * Each commune's envelope (envelope.ts by_commune) against the territory's, on both sides: eligible = served +
 * left out in each commune (an aggregate without total: the relation itself is known), and each of the three
 * summed over the communes to a total taken as shown (as the breakdowns take their columns' totals). A commune's cell starts secret where its breakdown row, or that row's
 * cell of the same households, is (so both tables end up hiding the same cells, publish() below).
 */
function communePlan(plan: Plan, r: Report): void {
	const rows = new Map(r.by_commune.map((b) => [b.key, b]));
	const perHousehold = r.envelope.rule === 'per_household';
	for (const [side, envPath, env] of [
		['baseline', 'baseline_envelope', r.baseline_envelope],
		['scenario', 'envelope', r.envelope]
	] as const) {
		const key = (what: string, code: string) => `${side}:commune:${what}:${code}`;
		const members: Record<string, string[]> = { eligible: [], served: [], left: [] };
		for (const e of env.by_commune) {
			const b = rows.get(e.commune);
			const row = b?.suppressed ?? false;
			const cellOf = (what: string, n: number, forced: boolean) => {
				plan.cells.set(key(what, e.commune), { n, size: 0, forced });
				if (n > 0 || forced) members[what].push(key(what, e.commune));
			};
			cellOf('eligible', e.n.eligible, row || !!b?.secret_cells.includes(`${side}.eligible`));
			cellOf('served', e.n.beneficiaries, row || !!b?.secret_cells.includes(`${side}.beneficiaries`));
			cellOf('left', e.n.left_out, row);
			plan.cells.set(key('households', e.commune), { n: e.n.households, size: e.households, forced: row });
			// eligible − served − left = 0, a relation always known: no one of the three may be the only one hidden (an
			// eligible count hidden by its breakdown row, its served and left out shown, would be their sum).
			const parts = (['eligible', 'served', 'left'] as const).filter((w) => (w === 'eligible' ? e.n.eligible : w === 'served' ? e.n.beneficiaries : e.n.left_out) > 0);
			if (parts.length) plan.aggregates.push({ totals: [], members: parts.map((w) => key(w, e.commune)) });
			const at = `${envPath}.by_commune.${e.commune}`;
			const fig = (path: string, what: string) => plan.figures.push([`${at}.${path}`, [key(what, e.commune)]]);
			for (const f of ['eligible', 'eligible_cost', 'n.eligible', 'exhausted_month', 'exhausted_month_label']) fig(f, 'eligible');
			for (const f of ['beneficiaries', 'spent', 'consumed', 'remaining', 'n.beneficiaries']) fig(f, 'served');
			for (const f of ['left_out_households', 'left_out_cost', 'n.left_out']) fig(f, 'left');
			for (const f of ['households', 'n.households', ...(perHousehold ? ['budget', 'capacity'] : [])]) fig(f, 'households');
		}
		for (const what of ['eligible', 'served', 'left']) {
			plan.cells.set(key(what, '__total'), { n: 0, size: 0, shown: true });
			plan.aggregates.push({ totals: [key(what, '__total')], members: members[what] });
		}
	}
}

/** Every cell of a report with its verdict: primary, what its communes hide (`own`), then secondary secrecy. */
function decide(r: Report, minRows: number, own: PartMasks, whole: boolean): { plan: Plan; cells: Map<string, SecrecyCell> } {
	const plan: Plan = { cells: new Map(), aggregates: [], figures: [] };
	sidePlan(plan, 'baseline', 'baseline_envelope', r.baseline, r.baseline_envelope);
	sidePlan(plan, 'scenario', 'envelope', r.scenario, r.envelope);
	classPlan(plan, r);
	needPlan(plan, 'baseline', r.need.baseline, r.baseline);
	needPlan(plan, 'scenario', r.need.scenario, r.scenario);
	communePlan(plan, r);
	const cells = new Map<string, SecrecyCell>();
	for (const [k, c] of plan.cells) cells.set(k, { n: c.n, denominator: c.size, suppressed: !c.shown && (!!c.forced || (c.n > 0 && c.n < minRows)) });
	// The territory's households are always shown (the page's headline).
	cells.get('households')!.suppressed = false;
	// What the communes of the territory hide on their own is hidden here too (PublishOptions.whole).
	for (const [k, c] of cells) if (!plan.cells.get(k)!.shown && k !== 'households' && hiddenByParts(own.cells.get(k), whole, minRows)) c.suppressed = true;
	// An empty cell reveals nothing by subtraction: it is left out of the sums (as classesTable did), unless it
	// is secret already (a commune's cell of a secret row hides what the row holds).
	const counted = (k: string) => cells.get(k)!.n > 0 || !!plan.cells.get(k)!.forced;
	applySecondarySecrecy(cells, plan.aggregates.map((a) => ({ ...a, members: a.members.filter(counted) })), minRows);
	return { plan, cells };
}

/** `opts`: the secrecy threshold alone (as before), or { minRows, synthetic, parts, whole }. */
export function publish(r: Report, opts: number | PublishOptions = {}): Published {
	const { minRows = SECRECY_MIN_ROWS, synthetic = false, parts, whole = false } = typeof opts === 'number' ? { minRows: opts } : opts;
	const own = parts ?? partMasks([]);
	const { plan, cells } = decide(r, minRows, own, whole);
	const hidden = (k: string) => cells.get(k)!.suppressed;
	const out = structuredClone(r) as unknown as Published;
	const secret = plan.figures.filter(([, on]) => on.some(hidden)).map(([path]) => path);
	if (!synthetic) for (const path of secret) setNull(out, path);

	// Classes and reasons: a verdict each (the « montant » reason is the perdant class).
	const classHidden = Object.fromEntries(CLASSES.map((c) => [c, hidden(`class:${c}`)])) as Record<ClassId, boolean>;
	for (const c of CLASSES) mark(out.winners_losers[c], classHidden[c], synthetic);
	for (const row of out.leaving_reasons.rows) {
		const would = row.suppressed || hiddenByParts(own.rows.get(`reason:${row.key}`), whole, minRows) || (row.key === 'montant' && classHidden.perdant);
		mark(row, would, synthetic);
		if (would && !synthetic) (row.households = null), (row.amount = null), (row.n = null);
	}

	// Breakdown rows: their own verdicts, and for communes the cells their envelope hides too.
	for (const k of BREAKDOWNS) {
		for (const row of out[k] as unknown as (PublishedRow & { secret_cells: RowCell[] })[]) {
			const cellsHidden = new Set(row.secret_cells);
			if (k === 'by_commune')
				for (const side of ['baseline', 'scenario'] as const) {
					if (hidden(`${side}:commune:eligible:${row.key}`)) cellsHidden.add(`${side}.eligible`);
					if (hidden(`${side}:commune:served:${row.key}`)) (cellsHidden.add(`${side}.beneficiaries`), cellsHidden.add(`${side}.cost`));
				}
			const whole = row.suppressed;
			delete (row as { secret_cells?: RowCell[] }).secret_cells;
			delete (row as { cells_n?: number[] }).cells_n;
			if (synthetic) {
				row.suppressed = false;
				row.would_be_secret = whole;
				row.would_be_secret_cells = whole ? [...ROW_CELLS] : ROW_CELLS.filter((c) => cellsHidden.has(c));
			} else if (whole) {
				row.n = null;
				row.households = null;
				row.baseline = null;
				row.scenario = null;
				row.gagnant = row.perdant = row.perdant_zero = null;
			} else for (const c of cellsHidden) setNull(row, c);
		}
	}
	out.secret = secret;
	out.min_rows = minRows;
	if (synthetic) out.synthetic = true;
	return out;
}

/** A row, reason or class that would be hidden: `suppressed` on real data, `would_be_secret` on synthetic data. */
function mark(x: { suppressed: boolean } & SyntheticMark, would: boolean, synthetic: boolean): void {
	if (synthetic) (x.suppressed = false), (x.would_be_secret = would);
	else x.suppressed = would;
}

/** Items of an array by `key`, `commune` or `month`, indexed once per array (hundreds of paths go through the same arrays). */
const ITEMS = new WeakMap<unknown[], Map<string, unknown>>();
function itemOf(list: unknown[], p: string): unknown {
	let m = ITEMS.get(list);
	if (!m) {
		m = new Map();
		for (const x of list as Record<string, unknown>[]) for (const k of [x.key, x.commune, x.month]) if (k !== undefined && !m.has(String(k))) m.set(String(k), x);
		ITEMS.set(list, m);
	}
	return m.get(p);
}

/** Sets the figure at `path` to null; a segment under an array picks the item of that `key`, `commune` or `month`. */
function setNull(root: object, path: string): void {
	const parts = path.split('.');
	let at: unknown = root;
	for (let k = 0; k < parts.length - 1; k++) {
		const p = parts[k];
		at = Array.isArray(at) ? itemOf(at, p) : (at as Record<string, unknown>)[p];
		if (at === undefined) return;
	}
	(at as Record<string, unknown>)[parts[parts.length - 1]] = null;
}
