/**
 * The tables behind the Simulateur's charts (cost, winners and losers, deciles, envelope through the year):
 * each chart draws one, shows it as its text alternative and exports it as CSV, so the three always agree.
 * Plain data from the published report (publish.ts): secret cells (DESIGN.md §4.1) stay null, marked by
 * `suppressed` (the row) or `secret` (its columns).
 */
import { toCsv } from '../synth/csv.ts';
import { CLASSES, CLASS_LABELS } from './classes.ts';
import type { Published } from './publish.ts';

/** How a column is read: households (count), euros, a bound of niveau de vie (€/an/UC), or text. */
export type ColumnKind = 'text' | 'count' | 'euro' | 'bound';

export interface ChartColumn {
	key: string;
	label: string;
	kind: ColumnKind;
}

/** `suppressed`: the whole row is secret; `secret`: only these columns are (a count on too few rows). */
export type ChartRow = Record<string, string | number | boolean | string[] | null> & { key: string; suppressed?: boolean; secret?: string[] };

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

/** Paid cost and cost if every eligible household were served: baseline, scenario, then each saved scenario. */
export function costTable(r: Published, compared: readonly Compared[] = []): ChartTable {
	const FIGURES = { beneficiaries: 'beneficiaries', cost: 'cost', eligible_cost: 'eligible_cost' };
	const line = (key: string, label: string, t: Published['baseline'], short: string, p: Published, side: string): ChartRow => ({
		key,
		label,
		short,
		secret: secretOf(p, side, FIGURES),
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
		rows: CLASSES.map((c) => ({ key: c, label: CLASS_LABELS[c], suppressed: wl[c].suppressed, households: wl[c].households, amount: wl[c].amount }))
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
			return row;
		})
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
			secret: [
				...secretOf(r, `envelope.by_month.${m.month}`, MONTH),
				...(r.secret.includes(`baseline_envelope.by_month.${m.month}.cumulative_spent`) ? ['baseline_cumulative_spent'] : [])
			],
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
