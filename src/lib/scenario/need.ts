/**
 * Effect on need (issue 17): how far the aid of a side closes the gap of the territory's households below the
 * scheme's reste-à-vivre threshold, and below the poverty line.
 *
 * Yearly reading. The aid a household is paid in the year (first grant + renewals, side.ts) is set against its
 * yearly gap: a one-off grant covers a few weeks of shortfall, not the year, and the figures say so rather than
 * count a household as "lifted" for the month its aid covers. So, for a household:
 *  - RAV gap before aid, €/year = (threshold − per-unit RAV) × units × days per month × 12 for a daily RAV
 *    (× units × 12 for a monthly one), the per-unit RAV rounded to the cent as the rules compare it, 0 when the
 *    RAV is not below the threshold: the shortfall of the household's monthly RAV, over twelve months;
 *  - after aid = max(0, gap − aid paid in the year): the aid spread evenly over the year, added to the monthly
 *    RAV (monthly RAV + yearly aid / 12), is this gap in euros;
 *  - lifted above the threshold: served households whose aid of the year covers their gap of the year;
 *  - gap closed = before − after; per euro spent = gap closed / € paid by the side (every € paid, including to
 *    households not below the threshold).
 * Poverty: the same with niveau de vie (€/year per UC) against the poverty threshold of the year, the aid added
 * to the disposable income: gap = (threshold − niveau de vie) × UC, €/year; households with a negative disposable
 * income are left out, as Filosofi does (population.ts).
 * Weights: a row weighs its households; with a take-up below 1 only the take-up share of a served row gets the
 * aid (side.weights), the rest keeps its gap.
 * The threshold: the side's RAV ceiling (the `rav_per_unit <` condition on a parameter, e.g. rav_max, ELAN's
 * rav_seuil). A side without one (statut-rsa, a status rule) is measured at the threshold its amount rule pays
 * the shortfall against: the simulated scheme's, at its original value (the pairing of DESIGN.md §5 carries
 * that parameter), so the baseline's need does not move with the scenario's sliders; the report says so.
 */
import { roundHalfAway, toCents } from '../rules/cents.ts';
import { ravUnit } from '../rules/reste-a-vivre.ts';
import { paramValues, type Condition, type Scheme } from '../rules/scheme-schema.ts';
import type { Population } from './population.ts';
import type { Side } from './side.ts';

export interface Count {
	/** Weighted households (served ones: × take-up). */
	households: number;
	/** Unweighted rows (secrecy base, DESIGN.md §4.1). */
	n: number;
}

export interface GapFigures {
	/** Households below the line before aid. */
	below_before: Count;
	/** Served households below the line before aid (the gap closed rests on them). */
	helped: Count;
	/** Served households whose yearly aid covers their yearly gap. */
	lifted: Count;
	/** €/year, Σ weight × household gap. */
	gap_before: number;
	gap_after: number;
	gap_closed: number;
	/** € of gap closed per € paid; null when nothing is paid. */
	gap_closed_per_euro: number | null;
}

export interface NeedReport extends GapFigures {
	/** The RAV threshold, € per unit per day or month (null: no RAV threshold to measure against). */
	threshold: number | null;
	threshold_unit: string | null;
	/** « Reste à vivre maximal : 10 €/jour/personne (pre-saint-gervais) ». */
	threshold_label: string;
	/** Whose threshold and why, French. */
	threshold_source: string;
	/** How the figures are computed, French. */
	method: string;
	poverty: GapFigures & { threshold_yearly: number };
}

export const NEED_METHOD =
	'Lecture annuelle : l’écart d’un ménage est (seuil − reste à vivre par unité) × unités × jours par mois × 12 mois (× unités × 12 pour un reste à vivre mensuel), le reste à vivre arrondi au centime ; l’aide payée dans l’année (premier versement et renouvellements) est répartie sur les 12 mois et vient en déduction de cet écart. Un ménage sort du besoin quand l’aide de l’année couvre son écart de l’année. Écart comblé par euro = écart comblé / euros versés. Pauvreté : même calcul sur le niveau de vie annuel (seuil de pauvreté − niveau de vie) × UC, l’aide ajoutée au revenu disponible ; ménages à revenu disponible négatif exclus, comme Filosofi.';

type Ceiling = { param: string; op: '<' | '<=' };

/** The RAV ceiling of a scheme: its first `rav_per_unit < parameter` (or ≤) condition, depth first. */
export function ravCeiling(scheme: Scheme): Ceiling | null {
	const visit = (c: Condition): Ceiling | null => {
		if (c.kind === 'all' || c.kind === 'any') {
			for (const x of c.of) {
				const found = visit(x);
				if (found) return found;
			}
			return null;
		}
		return c.kind === 'compare' && c.variable === 'rav_per_unit' && (c.op === '<' || c.op === '<=') && c.param !== undefined ? { param: c.param, op: c.op } : null;
	};
	return visit(scheme.conditions);
}

/**
 * Threshold of a side: its RAV ceiling, else the threshold its amount rule pays the shortfall against (a status
 * rule paired with the simulated scheme carries that scheme's parameter at its original value, DESIGN.md §5).
 */
function thresholdOf(scheme: Scheme) {
	const own = ravCeiling(scheme);
	const need = scheme.amount.kind === 'fixed' ? null : scheme.amount.need;
	const c: Ceiling | null = own ?? (need?.kind === 'shortfall' ? { param: need.threshold, op: '<' } : null);
	if (!c) return null;
	const p = scheme.parameters.find((x) => x.id === c.param)!;
	return { value: paramValues(scheme)[c.param], op: c.op, param: c.param, label: p.label, unit: ravUnit(scheme.rav), own: own !== null };
}

/** RAV gap before aid, memoised per RAV column and threshold (data + threshold only: the cached baseline's is reused). */
const BEFORE = new WeakMap<Float64Array, Map<string, { hh: number; n: number; gap: number }>>();
function ravBefore(rav: Float64Array, units: Float64Array, weight: Float64Array, t: number, op: '<' | '<=', factor: number) {
	let m = BEFORE.get(rav);
	if (!m) BEFORE.set(rav, (m = new Map()));
	const key = `${op}${t}|${factor}|${weight.length}`;
	let x = m.get(key);
	if (!x) {
		x = { hh: 0, n: 0, gap: 0 };
		for (let i = 0; i < rav.length; i++) {
			if (op === '<' ? !(rav[i] < t) : !(rav[i] <= t)) continue;
			x.hh += weight[i];
			x.n++;
			x.gap += weight[i] * roundHalfAway((t - rav[i]) * units[i] * factor);
		}
		m.set(key, x);
	}
	return x;
}

/** Poor households and their poverty gap before aid: data only, once per population. */
const POVERTY = new WeakMap<Population, { hh: number; n: number; gap: number }>();
function povertyBefore(pop: Population) {
	let x = POVERTY.get(pop);
	if (!x) {
		x = { hh: 0, n: 0, gap: 0 };
		const w = pop.cols.weight;
		for (let i = 0; i < pop.cols.n; i++) {
			if (pop.poor[i] !== 1) continue;
			x.hh += w[i];
			x.n++;
			x.gap += w[i] * povertyGap(pop, i);
		}
		POVERTY.set(pop, x);
	}
	return x;
}

/** (threshold − niveau de vie) × UC, €/year, of a poor household. */
function povertyGap(pop: Population, i: number): number {
	const uc = 1 + 0.5 * (pop.cols.num.persons_14_plus[i] - 1) + 0.3 * pop.cols.num.persons_under_14[i];
	return (pop.threshold.yearly - pop.living_standard[i]) * uc;
}

const euros = (cents: number) => Math.round(cents) / 100;
const perEuro = (closedCents: number, spentEuros: number) => (spentEuros > 0 ? Math.round(closedCents / spentEuros) / 100 : null);

export function needReport(pop: Population, side: Side): NeedReport {
	const w = pop.cols.weight;
	const sw = side.weights;
	const granted = side.allocation.granted;
	const paid = side.paid_cents;
	const rows = side.eligible_rows;
	const spent = side.allocation.spent;

	// Poverty: only served households change, and only eligible ones can be served.
	const pb = povertyBefore(pop);
	const pov = { helped: 0, helpedN: 0, lifted: 0, liftedN: 0, closed: 0 };
	for (let j = 0; j < rows.length; j++) {
		const i = rows[j];
		if (!granted[i] || pop.poor[i] !== 1) continue;
		const gap = 100 * povertyGap(pop, i);
		pov.helped += sw[i];
		pov.helpedN++;
		pov.closed += sw[i] * Math.min(gap, paid[i]);
		if (paid[i] >= gap) (pov.lifted += sw[i], pov.liftedN++);
	}
	const poverty = {
		threshold_yearly: pop.threshold.yearly,
		below_before: { households: pb.hh, n: pb.n },
		helped: { households: pov.helped, n: pov.helpedN },
		lifted: { households: pov.lifted, n: pov.liftedN },
		gap_before: Math.round(100 * pb.gap) / 100,
		gap_after: Math.round(100 * pb.gap - pov.closed) / 100,
		gap_closed: euros(pov.closed),
		gap_closed_per_euro: perEuro(pov.closed, spent)
	};

	const t = thresholdOf(side.scheme);
	const id = side.scheme.id;
	const threshold_source = !t
		? `${id} n’a pas de seuil de reste à vivre : pas d’écart de reste à vivre mesuré.`
		: t.own
			? `Seuil de reste à vivre du dispositif ${id} (paramètre ${t.param}).`
			: `${id} n’a pas de seuil de reste à vivre parmi ses conditions (critère de statut) : besoin mesuré au seuil contre lequel sa règle de montant paie l’écart (paramètre ${t.param}, celui du dispositif simulé, à sa valeur d’origine).`;
	const empty = { households: 0, n: 0 };
	if (!t) return { threshold: null, threshold_unit: null, threshold_label: 'aucun seuil de reste à vivre', threshold_source, method: NEED_METHOD, below_before: empty, helped: empty, lifted: empty, gap_before: 0, gap_after: 0, gap_closed: 0, gap_closed_per_euro: null, poverty };

	const rav = side.result.rav_per_unit_cents;
	const units = side.result.units;
	const days = paramValues(side.scheme)[side.scheme.rav.days_per_month];
	// Cents of per-unit gap → cents of household gap over the year.
	const factor = (side.scheme.rav.period === 'day' ? days : 1) * 12;
	const tc = toCents(t.value);
	const rb = ravBefore(rav, units, w, tc, t.op, factor);
	const r = { helped: 0, helpedN: 0, lifted: 0, liftedN: 0, closed: 0 };
	for (let j = 0; j < rows.length; j++) {
		const i = rows[j];
		if (!granted[i] || (t.op === '<' ? !(rav[i] < tc) : !(rav[i] <= tc))) continue;
		const gap = roundHalfAway((tc - rav[i]) * units[i] * factor);
		r.helped += sw[i];
		r.helpedN++;
		r.closed += sw[i] * Math.min(gap, paid[i]);
		if (paid[i] >= gap) (r.lifted += sw[i], r.liftedN++);
	}
	return {
		threshold: t.value,
		threshold_unit: t.unit,
		threshold_label: `${t.label} : ${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(t.value)} ${t.unit} (${id})`,
		threshold_source,
		method: NEED_METHOD,
		below_before: { households: rb.hh, n: rb.n },
		helped: { households: r.helped, n: r.helpedN },
		lifted: { households: r.lifted, n: r.liftedN },
		gap_before: euros(rb.gap),
		gap_after: euros(rb.gap - r.closed),
		gap_closed: euros(r.closed),
		gap_closed_per_euro: perEuro(r.closed, spent),
		poverty
	};
}
