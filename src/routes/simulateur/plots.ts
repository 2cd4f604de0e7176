/**
 * Observable Plot drawings of the Simulateur's chart tables (chart-tables.ts): presentation only, every figure
 * comes from the table the chart shows beside it. Axes in French number format (format.ts).
 */
import * as Plot from '@observablehq/plot';
import type { ChartTable } from '#lib/scenario/chart-tables.ts';
import type { ClassId } from '#lib/scenario/classes.ts';
import { formatNumber, formatValue } from '#lib/ui/format.ts';

const WIDTH = 680;
const num = (d: number) => formatNumber(d, 0);
const eur = (d: number | null) => formatValue(d, '€');
const short = (s: string, max = 42) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const shown = (t: ChartTable) => t.rows.filter((r) => !r.suppressed);
const MONTHS_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** A chart with nothing to draw says so (the table beside it still lists the rows). */
function nothing(text: string): Element {
	return Object.assign(document.createElement('p'), { textContent: text, className: 'chart-empty' });
}

/** Paid cost per scenario (bars) and the cost if every eligible household were served (red tick). */
export function costPlot(t: ChartTable): Element {
	const rows = t.rows.map((r) => ({ label: short(String(r.short), 30), cost: r.cost as number, eligible: r.eligible_cost as number }));
	return Plot.plot({
		width: WIDTH,
		height: 50 + rows.length * 34,
		marginLeft: 200,
		marginRight: 30,
		x: { label: '€ par an', grid: true, tickFormat: num },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.barX(rows, { x: 'cost', y: 'label', fill: '#1f4e8c', title: (d: (typeof rows)[number]) => `${d.label} : ${eur(d.cost)} payés` }),
			Plot.tickX(rows, { x: 'eligible', y: 'label', stroke: '#a33', strokeWidth: 3 }),
			Plot.ruleX([0])
		]
	});
}

export const CLASS_COLORS: Record<ClassId, string> = {
	gagnant: '#2e7d32',
	perdant: '#c77700',
	perdant_zero: '#b3261e',
	neutre: '#777777',
	neutre_zero: '#bbbbbb'
};

/** Households per class; "nothing either way" is left out of the bars (it dwarfs the others) but stays in the table. */
export function classesPlot(t: ChartTable): Element {
	const rows = shown(t)
		.filter((r) => r.key !== 'neutre_zero')
		.map((r) => ({ key: r.key as ClassId, label: String(r.label), households: r.households as number }))
		.filter((r) => r.households > 0);
	if (!rows.length) return nothing('Aucun ménage gagnant, perdant ou inchangé à représenter (nul ou secret).');
	return Plot.plot({
		width: WIDTH,
		height: 40 + rows.length * 30,
		marginLeft: 250,
		marginRight: 60,
		x: { label: 'Ménages (pondérés)', grid: true, tickFormat: num },
		y: { label: null, domain: rows.map((r) => r.label) },
		color: { domain: rows.map((r) => r.key), range: rows.map((r) => CLASS_COLORS[r.key]) },
		marks: [
			Plot.barX(rows, { x: 'households', y: 'label', fill: 'key', title: (d: (typeof rows)[number]) => `${d.label} : ${num(d.households)}` }),
			Plot.text(rows, { x: 'households', y: 'label', text: (d: (typeof rows)[number]) => num(d.households), dx: 4, textAnchor: 'start' }),
			Plot.ruleX([0])
		]
	});
}

/** Paid cost per decile of niveau de vie, baseline beside scenario; each tick shows the decile's upper bound. */
export function decilePlot(t: ChartTable): Element {
	const tick = (r: ChartTable['rows'][number]) =>
		r.key === 'negatif' ? 'négatif' : `${r.key}\n${r.upper !== null ? `≤ ${num(r.upper as number)}` : `> ${num(r.lower as number)}`}`;
	const ticks = t.rows.map(tick);
	const long = shown(t).flatMap((r) => [
		{ decile: tick(r), side: 'Référence', cost: r.baseline_cost as number },
		{ decile: tick(r), side: 'Scénario', cost: r.scenario_cost as number }
	]);
	return Plot.plot({
		width: WIDTH,
		height: 300,
		marginLeft: 60,
		marginBottom: 45,
		fx: { label: 'Dixième de niveau de vie (borne haute, €/an/UC)', domain: ticks, padding: 0.15 },
		x: { axis: null, domain: ['Référence', 'Scénario'] },
		y: { label: 'Coût payé (€)', grid: true, tickFormat: num },
		color: { domain: ['Référence', 'Scénario'], range: ['#9db3d3', '#1f4e8c'], legend: true },
		marks: [
			Plot.barY(long, { fx: 'decile', x: 'side', y: 'cost', fill: 'side', title: (d: (typeof long)[number]) => `${d.decile.replace('\n', ' ')} — ${d.side} : ${eur(d.cost)}` }),
			Plot.ruleY([0])
		]
	});
}

/** Cumulative eligible demand and payments through the year, the budget as a dashed rule, the month it runs out. */
export function envelopePlot(t: ChartTable, budget: number | null, exhausted: { month: number; label: string } | null): Element {
	const series: [string, string][] = [
		['cumulative_demand', 'Scénario : demande éligible cumulée'],
		['baseline_cumulative_spent', 'Référence : payé cumulé'],
		['cumulative_spent', 'Scénario : payé cumulé']
	];
	const pts = t.rows.flatMap((r) => series.map(([k, serie]) => ({ month: r.month as number, euros: r[k] as number, serie })));
	return Plot.plot({
		width: WIDTH,
		height: 280,
		marginLeft: 70,
		x: { label: 'Mois', ticks: 12, tickFormat: (m: number) => MONTHS_SHORT[m - 1] ?? '' },
		y: { label: '€ cumulés', grid: true, tickFormat: num },
		color: { legend: true, domain: series.map((s) => s[1]), range: ['#c77700', '#9db3d3', '#1f4e8c'] },
		marks: [
			Plot.lineY(pts, { x: 'month', y: 'euros', stroke: 'serie', marker: 'dot' }),
			...(budget !== null
				? [
						Plot.ruleY([budget], { stroke: '#a33', strokeDasharray: '4 3' }),
						Plot.text([budget], { y: (d: number) => d, frameAnchor: 'left', dy: -7, dx: 4, text: () => `Enveloppe ${eur(budget)}`, fill: '#a33', textAnchor: 'start' })
					]
				: []),
			...(exhausted
				? [
						Plot.ruleX([exhausted.month], { stroke: '#a33' }),
						Plot.text([exhausted.month], { x: (d: number) => d, frameAnchor: 'top', dy: 6, dx: 4, text: () => `épuisée en ${exhausted.label}`, fill: '#a33', textAnchor: 'start' })
					]
				: []),
			Plot.ruleY([0])
		]
	});
}

const STACK: [key: string, label: string, color: string][] = [
	['perdant_zero', 'Perdent toute aide', CLASS_COLORS.perdant_zero],
	['perdant', 'Aide en baisse', CLASS_COLORS.perdant],
	['gagnant', 'Aide en hausse ou nouvelle', CLASS_COLORS.gagnant]
];

/**
 * Winners and losers by decile (PolicyEngine's reform chart): per decile, the share of its households that
 * gain, lose part or lose all; the unchanged rest is the white space to 100 %.
 */
export function decileClassesPlot(t: ChartTable): Element {
	const rows = shown(t).filter((r) => r.key !== 'negatif' && r.gagnant !== null);
	const pts = rows.flatMap((r) => STACK.map(([k, label]) => ({ decile: String(r.key), label, share: (r[k] as number) ?? 0 })));
	if (!pts.some((p) => p.share > 0)) return nothing('Aucun ménage ne gagne ni ne perd : le scénario ne change l’aide de personne.');
	const max = Math.max(5, ...rows.map((r) => STACK.reduce((a, [k]) => a + ((r[k] as number) ?? 0), 0)));
	return Plot.plot({
		width: WIDTH,
		height: 300,
		marginLeft: 50,
		x: { label: 'Dixième de niveau de vie (D1 : les 10 % les plus modestes)', domain: rows.map((r) => String(r.key)) },
		y: { label: '% des ménages du dixième', grid: true, domain: [0, Math.ceil(max / 5) * 5], tickFormat: (d: number) => `${formatNumber(d, 1)} %` },
		color: { legend: true, domain: STACK.map((s) => s[1]), range: STACK.map((s) => s[2]) },
		marks: [
			Plot.barY(pts, { x: 'decile', y: 'share', fill: 'label', order: STACK.map((s) => s[1]), title: (d: (typeof pts)[number]) => `${d.decile} — ${d.label} : ${formatNumber(d.share, 1)} %` }),
			Plot.ruleY([0])
		]
	});
}

/** Targeting of the reference and the scenario: per measure, two bars (%), the value written at the end. */
export function targetingPlot(t: ChartTable): Element {
	const pts = t.rows.flatMap((r) =>
		(['baseline', 'scenario'] as const)
			.filter((side) => !r.secret?.includes(side) && r[side] !== null)
			.map((side) => ({ measure: short(String(r.label), 46), side: side === 'baseline' ? 'Référence' : 'Scénario', pct: r[side] as number }))
	);
	if (!pts.length) return nothing('Ciblage non publiable : trop peu de ménages.');
	const label = (d: (typeof pts)[number]) => `${formatNumber(d.pct, 1)} %`;
	return Plot.plot({
		width: WIDTH,
		height: 30 + t.rows.length * 44,
		marginLeft: 300,
		marginRight: 60,
		x: { label: '%', domain: [0, 100], grid: true },
		y: { axis: null, domain: ['Référence', 'Scénario'] },
		fy: { label: null, axis: 'left', domain: [...new Set(pts.map((p) => p.measure))], padding: 0.25 },
		color: { domain: ['Référence', 'Scénario'], range: ['#9db3d3', '#1f4e8c'], legend: true },
		marks: [
			Plot.barX(pts, { x: 'pct', y: 'side', fy: 'measure', fill: 'side', title: (d: (typeof pts)[number]) => `${d.measure} — ${d.side} : ${label(d)}` }),
			Plot.text(pts, { x: 'pct', y: 'side', fy: 'measure', text: label, dx: 4, textAnchor: 'start', fontSize: 10 }),
			Plot.ruleX([0])
		]
	});
}
