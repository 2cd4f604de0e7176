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
