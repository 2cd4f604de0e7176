/**
 * The Simulateur's key figures (the cards under the sentence), from the published report: each with the
 * reference beside it and the gap coloured by what it means (more spending to poor households is better; cost
 * and households served are choices, not better or worse).
 */
import { formatNumber } from '#lib/rules/cents.ts';
import type { Published } from '#lib/scenario/publish.ts';
import { formatValue } from '#lib/ui/format.ts';
import { shownFigure, type Shown } from '#lib/ui/figures/shown.ts';
import type { Tone } from '#lib/ui/figures/KeyFigure.svelte';

export interface Card {
	key: string;
	label: string;
	value: Shown;
	delta: Shown | null;
	tone: Tone;
	compare: string;
}

const n0 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatNumber(Math.round(x)));
const eur = (x: number | null | undefined) => formatValue(x ?? null, '€');
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${formatNumber(Math.round(x * 10) / 10)} %`);
const signed = (x: number, f: (x: number) => string) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${f(Math.abs(x))}`;

/** A figure of the report at `path`, shown or « secret » as the data's secrecy rule says. */
export function figureOf(r: Published, path: string, value: number | null | undefined, f: (x: number | null | undefined) => string): Shown {
	return shownFigure(() => f(value), r.secret.includes(path), !!r.synthetic);
}

type TotalKey = 'beneficiaries' | 'cost';
function sideCard(r: Published, key: TotalKey, label: string, f: (x: number | null | undefined) => string, unit: (x: number) => string): Card {
	const b = r.baseline[key];
	const s = r.scenario[key];
	const hidden = [`baseline.${key}`, `scenario.${key}`].some((p) => r.secret.includes(p));
	const delta = b === null || s === null ? null : shownFigure(() => signed(s - b, unit), hidden, !!r.synthetic);
	return { key, label, value: figureOf(r, `scenario.${key}`, s, f), delta, tone: 'neutral', compare: `réf. ${figureOf(r, `baseline.${key}`, b, f).text}` };
}

export function cards(r: Published): Card[] {
	const wl = r.winners_losers;
	const classText = (c: 'gagnant' | 'perdant' | 'perdant_zero') => (wl[c].suppressed && !r.synthetic ? null : wl[c].households);
	const gain = classText('gagnant');
	const lose = classText('perdant');
	const loseAll = classText('perdant_zero');
	const marked = !!r.synthetic && (['gagnant', 'perdant', 'perdant_zero'] as const).some((c) => wl[c].suppressed);
	const losers = lose === null || loseAll === null ? null : lose + loseAll;
	const month = (m: number | null, budgeted: boolean) => (!budgeted ? 'sans enveloppe' : m === null ? 'non épuisée' : r.envelope.by_month[m - 1].label);
	const budgeted = r.envelope.budget !== null || r.envelope.capacity !== null;
	const spend = (side: 'baseline' | 'scenario') => figureOf(r, `${side}.targeting.spending_to_poor`, r[side].targeting.spending_to_poor, pct);
	const sb = r.baseline.targeting.spending_to_poor;
	const ss = r.scenario.targeting.spending_to_poor;
	const spendHidden = spend('baseline').secret || spend('scenario').secret;
	return [
		sideCard(r, 'cost', 'Coût payé dans l’année', eur, (x) => eur(x)),
		sideCard(r, 'beneficiaries', 'Ménages aidés', n0, (x) => formatNumber(Math.round(x))),
		{
			key: 'winners',
			label: 'Gagnants / perdants',
			value: shownFigure(() => `${n0(gain)} / ${n0(losers)}`, gain === null || losers === null || marked, !!r.synthetic),
			delta: null,
			tone: 'neutral',
			compare: 'ménages dont l’aide monte / baisse ou cesse'
		},
		{
			key: 'exhausted',
			label: r.envelope.capacity !== null && r.envelope.budget === null ? 'Places pourvues' : 'Enveloppe épuisée en',
			value: { text: month(r.envelope.exhausted_month, budgeted), marked: false, secret: false },
			delta: null,
			tone: 'neutral',
			compare: budgeted ? `réf. ${month(r.baseline_envelope.exhausted_month, r.baseline_envelope.budget !== null || r.baseline_envelope.capacity !== null)}` : ''
		},
		needCard(r),
		{
			key: 'spending_to_poor',
			label: 'Part de l’aide versée aux ménages pauvres',
			value: spend('scenario'),
			delta: sb === null || ss === null || spendHidden ? null : shownFigure(() => `${signed(ss - sb, (x) => formatNumber(Math.round(x * 10) / 10))} pt`, spend('baseline').marked || spend('scenario').marked, !!r.synthetic),
			tone: sb === null || ss === null || Math.abs(ss - sb) < 0.05 ? 'neutral' : ss > sb ? 'better' : 'worse',
			compare: `réf. ${spend('baseline').text}`
		}
	];
}

/** Need closed by the scenario's aid: € of reste-à-vivre gap a year, and per euro paid. */
function needCard(r: Published): Card {
	const s = r.need.scenario;
	const per = figureOf(r, 'need.scenario.gap_closed_per_euro', s.gap_closed_per_euro, (x) => (x === null || x === undefined ? '—' : formatNumber(Math.round(x * 100) / 100)));
	return {
		key: 'need',
		label: 'Écart de reste à vivre comblé par an',
		value: figureOf(r, 'need.scenario.gap_closed', s.gap_closed, eur),
		delta: null,
		tone: 'neutral',
		compare: `${per.secret ? 'secret' : per.text} € par euro versé ; réf. ${figureOf(r, 'need.baseline.gap_closed', r.need.baseline.gap_closed, eur).text}`
	};
}
