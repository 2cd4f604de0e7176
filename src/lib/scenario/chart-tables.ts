/**
 * The tables behind the Simulateur's charts (cost, winners and losers, deciles, envelope through the year):
 * each chart draws one, shows it as its text alternative and exports it as CSV, so the three always agree.
 * Plain data from the published report (publish.ts): secret cells (DESIGN.md §4.1) stay null, marked by
 * `suppressed` (the row) or `secret` (its columns); on synthetic data they keep their values, listed in `marked`.
 */
import { toCsv } from '../synth/csv.ts';
import { CLASSES, CLASS_LABELS } from './classes.ts';
import type { Published } from './publish.ts';

/** How a column is read: households (count), euros, a bound of niveau de vie (€/an/UC), a percentage, or text. */
export type ColumnKind = 'text' | 'count' | 'euro' | 'bound' | 'percent';

export interface ChartColumn {
	key: string;
	label: string;
	kind: ColumnKind;
}

/**
 * `suppressed`: the whole row is secret; `secret`: only these columns are (a count on too few rows); `marked`:
 * columns shown on synthetic data that real data would hide.
 */
export type ChartRow = Record<string, string | number | boolean | string[] | null> & { key: string; suppressed?: boolean; secret?: string[]; marked?: string[] };

export interface ChartTable {
	columns: ChartColumn[];
	rows: ChartRow[];
}

export interface Compared {
	name: string;
	report: Published | null;
}

/** Columns of a row whose figure (path under `at`) is secret in the published report. */
const secretOf = (p: Published, at: string, columns: Record<string, string>) => Object.keys(columns).filter((c) => p.secret.includes(`${at}.${columns[c]}`));

/** The columns real data hides: « secret » cells on real data, marked ones on synthetic data (values shown). */
const hidden = (p: Published, columns: string[]): Pick<ChartRow, 'secret' | 'marked'> => (p.synthetic ? { marked: columns } : { secret: columns });

/** A breakdown row's columns that real data hides, on synthetic data (publish.ts would_be_secret_cells). */
function markedOf(d: Published['by_decile'][number], columns: Record<string, string[]>): string[] {
	const cells: string[] = d.would_be_secret_cells ?? [];
	return Object.keys(columns).filter((k) => d.would_be_secret || columns[k].some((c) => cells.includes(c)));
}

/** Paid cost and cost if every eligible household were served: baseline, scenario, then each saved scenario. */
export function costTable(r: Published, compared: readonly Compared[] = []): ChartTable {
	const FIGURES = { beneficiaries: 'beneficiaries', cost: 'cost', eligible_cost: 'eligible_cost' };
	const line = (key: string, label: string, t: Published['baseline'], short: string, p: Published, side: string): ChartRow => ({
		key,
		label,
		short,
		...hidden(p, secretOf(p, side, FIGURES)),
		beneficiaries: t.beneficiaries,
		cost: t.cost,
		eligible_cost: t.eligible_cost
	});
	return {
		columns: [
			{ key: 'label', label: 'Scénario', kind: 'text' },
			{ key: 'beneficiaries', label: 'Bénéficiaires', kind: 'count' },
			{ key: 'cost', label: 'Coût payé (€)', kind: 'euro' },
			{ key: 'eligible_cost', label: 'Coût si tous les éligibles étaient servis (€)', kind: 'euro' }
		],
		rows: [
			line('reference', `Référence : ${r.baseline.label}`, r.baseline, 'Référence', r, 'baseline'),
			line('scenario', `Scénario : ${r.scenario.label}`, r.scenario, 'Scénario en cours', r, 'scenario'),
			...compared.filter((c) => c.report).map((c, k) => line(`compare-${k}`, `Enregistré : ${c.name}`, c.report!.scenario, c.name, c.report!, 'scenario'))
		]
	};
}

/** The five classes (households and € of change), masked as publish.ts decided (primary and secondary secrecy). */
export function classesTable(r: Published): ChartTable {
	const wl = r.winners_losers;
	return {
		columns: [
			{ key: 'label', label: 'Classe', kind: 'text' },
			{ key: 'households', label: 'Ménages', kind: 'count' },
			{ key: 'amount', label: 'Montant (scénario − référence, €)', kind: 'euro' }
		],
		rows: CLASSES.map((c) => ({ key: c, label: CLASS_LABELS[c], suppressed: wl[c].suppressed, ...(wl[c].would_be_secret ? { marked: ['households', 'amount'] } : {}), households: wl[c].households, amount: wl[c].amount }))
	};
}

/** Cost and households served by decile of niveau de vie, bounds shown (€/an/UC). */
export function decileTable(r: Published): ChartTable {
	return {
		columns: [
			{ key: 'label', label: 'Dixième', kind: 'text' },
			{ key: 'lower', label: 'de (€/an/UC)', kind: 'bound' },
			{ key: 'upper', label: 'à (€/an/UC)', kind: 'bound' },
			{ key: 'households', label: 'Ménages', kind: 'count' },
			{ key: 'baseline_beneficiaries', label: 'Bénéficiaires référence', kind: 'count' },
			{ key: 'scenario_beneficiaries', label: 'Bénéficiaires scénario', kind: 'count' },
			{ key: 'baseline_cost', label: 'Coût référence (€)', kind: 'euro' },
			{ key: 'scenario_cost', label: 'Coût scénario (€)', kind: 'euro' }
		],
		rows: r.by_decile.map((d) => {
			const row: ChartRow = {
				key: d.key,
				label: d.key === 'negatif' ? d.label : d.key,
				suppressed: d.suppressed,
				lower: d.lower ?? null,
				upper: d.upper ?? null,
				households: d.households,
				baseline_beneficiaries: d.baseline?.beneficiaries ?? null,
				scenario_beneficiaries: d.scenario?.beneficiaries ?? null,
				baseline_cost: d.baseline?.cost ?? null,
				scenario_cost: d.scenario?.cost ?? null
			};
			// In a shown row, a null figure is a secret cell (breakdowns.ts).
			row.secret = d.suppressed ? [] : ['baseline_beneficiaries', 'scenario_beneficiaries', 'baseline_cost', 'scenario_cost'].filter((k) => row[k] === null);
			row.marked = markedOf(d, {
				households: [],
				baseline_beneficiaries: ['baseline.beneficiaries'],
				scenario_beneficiaries: ['scenario.beneficiaries'],
				baseline_cost: ['baseline.cost'],
				scenario_cost: ['scenario.cost']
			});
			return row;
		})
	};
}

/**
 * Winners and losers by decile of niveau de vie, as PolicyEngine draws a reform: the share of each decile's
 * households in each class. The breakdown rows carry gagnant, perdant and perdant_zero; the rest of a decile
 * (same aid, or no aid either way) is « inchangés ». A secret count leaves its decile out of the chart.
 */
export function decileClassesTable(r: Published): ChartTable {
	const share = (x: number | null | undefined, h: number | null) => (x === null || x === undefined || !h ? null : Math.round((1000 * x) / h) / 10);
	return {
		columns: [
			{ key: 'label', label: 'Dixième', kind: 'text' },
			{ key: 'upper', label: 'jusqu’à (€/an/UC)', kind: 'bound' },
			{ key: 'gagnant', label: 'Gagnants (% des ménages)', kind: 'percent' },
			{ key: 'perdant', label: 'Perdants : aide en baisse (%)', kind: 'percent' },
			{ key: 'perdant_zero', label: 'Perdent toute aide (%)', kind: 'percent' },
			{ key: 'inchange', label: 'Inchangés ou sans aide (%)', kind: 'percent' }
		],
		rows: r.by_decile.map((d) => {
			const h = d.households;
			const g = share(d.gagnant, h);
			const p = share(d.perdant, h);
			const z = share(d.perdant_zero, h);
			const row: ChartRow = {
				key: d.key,
				label: d.key === 'negatif' ? d.label : d.key,
				suppressed: d.suppressed,
				upper: d.upper ?? null,
				gagnant: g,
				perdant: p,
				perdant_zero: z,
				inchange: g === null || p === null || z === null ? null : Math.round(10 * (100 - g - p - z)) / 10
			};
			row.secret = d.suppressed ? [] : ['gagnant', 'perdant', 'perdant_zero', 'inchange'].filter((k) => row[k] === null);
			row.marked = markedOf(d, { gagnant: ['gagnant'], perdant: ['perdant'], perdant_zero: ['perdant_zero'], inchange: ['gagnant', 'perdant', 'perdant_zero'] });
			return row;
		})
	};
}

/** Targeting of both sides: how much of the aid reaches poor households, and the two errors of a criterion. */
export function targetingTable(r: Published): ChartTable {
	const MEASURES: [key: string, label: string, path: string, pick: (t: Published['baseline']['targeting']) => number | null][] = [
		['spending_to_poor', 'Part de l’aide versée aux ménages pauvres', 'spending_to_poor', (t) => t.spending_to_poor],
		['coverage_poor', 'Ménages pauvres aidés (couverture)', 'coverage_poor', (t) => t.coverage_poor],
		['coverage_working_poor', 'Ménages de travailleurs pauvres aidés', 'coverage_working_poor', (t) => t.coverage_working_poor],
		['exclusion', 'Erreur d’exclusion : pauvres sans aide', 'exclusion.share', (t) => t.exclusion.share],
		['inclusion', 'Erreur d’inclusion : aidés au-dessus du seuil', 'inclusion.share', (t) => t.inclusion.share]
	];
	return {
		columns: [
			{ key: 'label', label: 'Mesure', kind: 'text' },
			{ key: 'baseline', label: `Référence (%)`, kind: 'percent' },
			{ key: 'scenario', label: `Scénario (%)`, kind: 'percent' }
		],
		rows: MEASURES.map(([key, label, path, pick]) => ({
			key,
			label,
			...hidden(r, (['baseline', 'scenario'] as const).filter((side) => r.secret.includes(`${side}.targeting.${path}`))),
			baseline: pick(r.baseline.targeting),
			scenario: pick(r.scenario.targeting)
		}))
	};
}

/** Month by month: cumulative eligible demand and payments of both sides, and the budget left. */
export function envelopeTable(r: Published): ChartTable {
	const MONTH = { demand_households: 'demand_households', demand: 'demand', spent: 'spent', cumulative_demand: 'cumulative_demand', cumulative_spent: 'cumulative_spent', remaining: 'remaining' };
	return {
		columns: [
			{ key: 'label', label: 'Mois', kind: 'text' },
			{ key: 'demand_households', label: 'Demandes éligibles (scénario)', kind: 'count' },
			{ key: 'demand', label: 'Demande du mois (€)', kind: 'euro' },
			{ key: 'spent', label: 'Payé du mois (€)', kind: 'euro' },
			{ key: 'cumulative_demand', label: 'Demande cumulée (€)', kind: 'euro' },
			{ key: 'baseline_cumulative_spent', label: 'Payé cumulé référence (€)', kind: 'euro' },
			{ key: 'cumulative_spent', label: 'Payé cumulé scénario (€)', kind: 'euro' },
			{ key: 'remaining', label: 'Reste de l’enveloppe (€)', kind: 'euro' }
		],
		rows: r.envelope.by_month.map((m, k) => ({
			key: String(m.month),
			...hidden(r, [
				...secretOf(r, `envelope.by_month.${m.month}`, MONTH),
				...(r.secret.includes(`baseline_envelope.by_month.${m.month}.cumulative_spent`) ? ['baseline_cumulative_spent'] : [])
			]),
			month: m.month,
			label: m.label,
			demand_households: m.demand_households,
			demand: m.demand,
			spent: m.spent,
			cumulative_demand: m.cumulative_demand,
			baseline_cumulative_spent: r.baseline_envelope.by_month[k].cumulative_spent,
			cumulative_spent: m.cumulative_spent,
			remaining: m.remaining
		}))
	};
}

/**
 * The current scenario and the saved ones side by side (the comparison's table and its CSV export). A secret
 * figure of a report stays secret here.
 */
export function comparisonTable(current: Compared, saved: readonly Compared[]): ChartTable {
	const FIGURES = { eligible: 'scenario.eligible', beneficiaries: 'scenario.beneficiaries', cost: 'scenario.cost', coverage_poor: 'scenario.targeting.coverage_poor', spending_to_poor: 'scenario.targeting.spending_to_poor' };
	const line = (c: Compared, key: string): ChartRow | null => {
		const r = c.report;
		if (!r) return null;
		const wl = r.winners_losers;
		const hidden = (k: keyof typeof FIGURES) => r.secret.includes(FIGURES[k]);
		const classes = ['gagnant', 'perdant', 'perdant_zero'] as const;
		const classHidden = classes.some((k) => wl[k].suppressed);
		const which = (Object.keys(FIGURES) as (keyof typeof FIGURES)[]).filter(hidden);
		const losers = wl.perdant.households === null || wl.perdant_zero.households === null ? null : wl.perdant.households + wl.perdant_zero.households;
		return {
			key,
			label: c.name,
			[r.synthetic ? 'marked' : 'secret']: [...which, ...(classHidden ? ['gagnant', 'perdants'] : [])],
			eligible: r.scenario.eligible,
			beneficiaries: r.scenario.beneficiaries,
			cost: r.scenario.cost,
			coverage_poor: r.scenario.targeting.coverage_poor,
			spending_to_poor: r.scenario.targeting.spending_to_poor,
			gagnant: wl.gagnant.households,
			perdants: losers,
			exhausted: r.envelope.exhausted_month_label ?? (r.envelope.budget === null && r.envelope.capacity === null ? 'sans enveloppe' : 'non épuisée')
		} as ChartRow;
	};
	return {
		columns: [
			{ key: 'label', label: 'Scénario', kind: 'text' },
			{ key: 'eligible', label: 'Ménages éligibles', kind: 'count' },
			{ key: 'beneficiaries', label: 'Ménages aidés', kind: 'count' },
			{ key: 'cost', label: 'Coût payé (€)', kind: 'euro' },
			{ key: 'coverage_poor', label: 'Couverture des ménages pauvres (%)', kind: 'percent' },
			{ key: 'spending_to_poor', label: 'Part de l’aide aux ménages pauvres (%)', kind: 'percent' },
			{ key: 'gagnant', label: 'Gagnants', kind: 'count' },
			{ key: 'perdants', label: 'Perdants', kind: 'count' },
			{ key: 'exhausted', label: 'Enveloppe épuisée en', kind: 'text' }
		],
		rows: [line(current, 'current'), ...saved.map((c, k) => line(c, `saved-${k}`))].filter((r): r is ChartRow => r !== null)
	};
}

/** Whether a cell is secret: its row, or that column of the row. */
export const isSecretCell = (row: ChartRow, column: ChartColumn) =>
	(!!row.suppressed && column.kind !== 'text' && column.kind !== 'bound') || !!row.secret?.includes(column.key);

/** The table as CSV (raw figures, '.' decimals), secret cells written « secret ». */
export function chartTableCsv(t: ChartTable): string {
	const rows = t.rows.map((row) =>
		Object.fromEntries(t.columns.map((c) => [c.label, isSecretCell(row, c) ? 'secret' : row[c.key]]))
	);
	return toCsv(
		t.columns.map((c) => c.label),
		rows
	);
}
