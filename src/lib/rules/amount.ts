/**
 * Amount of the first grant (DESIGN.md §5: Boulogne 3 × 128 € = 384 €), in cents. The scheme's rule is
 * resolved once into an AmountPlan of plain numbers; both evaluators call amountCents() on it, and explain
 * also gets the steps in French.
 */
import { formatEuros, formatNumber, roundHalfAway, toCents } from './cents.ts';
import type { NeedRule, Scheme } from './scheme-schema.ts';

type NeedPlan = { kind: 'shortfall'; threshold_cents: number; months: number } | { kind: 'fixed'; cents: number };

export interface AmountPlan {
	kind: 'fixed' | 'need' | 'bands';
	/** fixed: amount per month or per grant; × months when per month. */
	fixed_cents: number;
	fixed_months: number;
	need: NeedPlan | null;
	share: number;
	cap_cents: number | null;
	bands: { below_cents: number; fixed_cents: number | null; share: number }[];
	/** RAV per day: the shortfall is per unit and day, so × units × days per month. */
	per_day: boolean;
	degressivity: number;
	voucher_share: number;
}

export function amountPlan(s: Scheme, p: Record<string, number>): AmountPlan {
	const a = s.amount;
	const need = (n: NeedRule): NeedPlan =>
		n.kind === 'shortfall' ? { kind: 'shortfall', threshold_cents: toCents(p[n.threshold]), months: p[n.months] } : { kind: 'fixed', cents: toCents(p[n.amount]) };
	const months = s.duration.months ? p[s.duration.months] : 1;
	return {
		kind: a.kind,
		fixed_cents: a.kind === 'fixed' ? toCents(p[a.amount]) : 0,
		fixed_months: a.kind === 'fixed' && a.per === 'month' ? months : 1,
		need: a.kind === 'fixed' ? null : need(a.need),
		share: a.kind === 'need' && a.share ? p[a.share] : 1,
		cap_cents: a.kind !== 'fixed' && a.cap ? toCents(p[a.cap]) : null,
		bands:
			a.kind === 'bands'
				? a.bands.map((b) => ({
						below_cents: b.below === null ? Infinity : toCents(p[b.below]),
						fixed_cents: b.amount ? toCents(p[b.amount]) : null,
						share: b.share ? p[b.share] : 1
					}))
				: [],
		per_day: s.rav.period === 'day',
		degressivity: s.duration.degressivity ? p[s.duration.degressivity] : 0,
		voucher_share: s.form.kind === 'split' ? p[s.form.voucher_share] : s.form.form === 'voucher' ? 1 : 0
	};
}

/** Need, cents: the amount requested when known (≥ 0), else the default rule. */
export function needCents(plan: AmountPlan, ravUnitCents: number, units: number, days: number, requestedCents: number | null): number {
	if (requestedCents !== null) return requestedCents;
	const n = plan.need!;
	if (n.kind === 'fixed') return n.cents;
	const gap = Math.max(0, n.threshold_cents - ravUnitCents);
	return roundHalfAway(gap * units * (plan.per_day ? days : 1) * n.months);
}

/** Index of the band holding this per-unit RAV (the first band is open towards −∞), −1 if none. */
export function bandIndex(plan: AmountPlan, ravUnitCents: number): number {
	for (let b = 0; b < plan.bands.length; b++) if (ravUnitCents < plan.bands[b].below_cents) return b;
	return -1;
}

/** Total of the grant of rank `rank` (0 first grant, 1 first renewal…), cents. */
export function amountCents(plan: AmountPlan, ravUnitCents: number, units: number, days: number, requestedCents: number | null, rank: number): number {
	let base: number;
	if (plan.kind === 'fixed') base = plan.fixed_cents * plan.fixed_months;
	else {
		const need = needCents(plan, ravUnitCents, units, days, requestedCents);
		if (plan.kind === 'need') base = roundHalfAway(need * plan.share);
		else {
			const b = bandIndex(plan, ravUnitCents);
			const band = b < 0 ? null : plan.bands[b];
			base = band === null ? 0 : band.fixed_cents !== null ? band.fixed_cents : roundHalfAway(need * band.share);
		}
		if (plan.cap_cents !== null && base > plan.cap_cents) base = plan.cap_cents;
	}
	return rank > 0 ? roundHalfAway(base * Math.pow(1 - plan.degressivity, rank)) : base;
}

export interface AmountDetail {
	need: number | null;
	need_source: 'montant demandé' | 'règle par défaut' | null;
	band: number | null;
	cap: number | null;
	capped: boolean;
	renewal_rank: number;
	total: number;
	voucher: number;
	cash: number;
	steps: string[];
}

/** The same computation, spelled out step by step for a person. */
export function amountDetail(
	plan: AmountPlan,
	ravUnitCents: number,
	units: number,
	days: number,
	requestedCents: number | null,
	rank: number,
	form: Scheme['form']
): AmountDetail {
	const e = (c: number) => formatEuros(c / 100);
	const steps: string[] = [];
	let need: number | null = null;
	let band: number | null = null;
	let capped = false;
	if (plan.kind === 'fixed') {
		steps.push(
			plan.fixed_months > 1
				? `Montant fixe : ${e(plan.fixed_cents)} par mois × ${plan.fixed_months} mois = ${e(plan.fixed_cents * plan.fixed_months)}`
				: `Montant forfaitaire : ${e(plan.fixed_cents)}`
		);
	} else {
		need = needCents(plan, ravUnitCents, units, days, requestedCents);
		const n = plan.need!;
		if (requestedCents !== null) steps.push(`Besoin : montant demandé, ${e(need)}`);
		else if (n.kind === 'shortfall')
			steps.push(
				`Besoin : écart au seuil (${e(n.threshold_cents)} − ${e(Math.min(ravUnitCents, n.threshold_cents))}) × ${formatNumber(units)} unité(s)` +
					`${plan.per_day ? ` × ${days} jours` : ''} × ${n.months} mois = ${e(need)}`
			);
		else steps.push(`Besoin par défaut : ${e(need)}`);
		if (plan.kind === 'need' && plan.share !== 1) steps.push(`Part du besoin couverte : ${plan.share * 100} %`);
		if (plan.kind === 'bands') {
			const b = bandIndex(plan, ravUnitCents);
			band = b < 0 ? null : b;
			steps.push(b < 0 ? 'Aucune tranche ne correspond à ce reste à vivre : 0 €' : `Tranche ${b + 1} du barème selon le reste à vivre`);
		}
		if (plan.cap_cents !== null) {
			const before = amountCents({ ...plan, cap_cents: null }, ravUnitCents, units, days, requestedCents, 0);
			capped = before > plan.cap_cents;
			steps.push(capped ? `Plafond de ${e(plan.cap_cents)} appliqué (au lieu de ${e(before)})` : `Sous le plafond de ${e(plan.cap_cents)}`);
		}
	}
	const total = amountCents(plan, ravUnitCents, units, days, requestedCents, rank);
	if (rank > 0) steps.push(`Renouvellement n° ${rank} : −${Math.round(plan.degressivity * 100)} % par renouvellement, soit ${e(total)}`);
	const voucher = roundHalfAway(total * plan.voucher_share);
	if (form.kind === 'split') steps.push(`Forme : ${e(voucher)} en chèques alimentaires, ${e(total - voucher)} en espèces`);
	return {
		need: need === null ? null : need / 100,
		need_source: plan.kind === 'fixed' ? null : requestedCents !== null ? 'montant demandé' : 'règle par défaut',
		band,
		cap: plan.cap_cents === null ? null : plan.cap_cents / 100,
		capped,
		renewal_rank: rank,
		total: total / 100,
		voucher: voucher / 100,
		cash: form.kind === 'split' || form.form === 'cash' ? (total - voucher) / 100 : 0,
		steps
	};
}
