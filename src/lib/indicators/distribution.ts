/**
 * The distribution behind a quantile indicator (niveau de vie, reste à vivre), as weighted bins for a
 * histogram. Each bin is a count of households: one resting on fewer than `minRows` rows is secret.
 */
import { literal, type Connector } from '../db/connector.ts';
import { SQL_CHARGES, SQL_DISPOSABLE, SQL_LIVING_STANDARD, SQL_PERSONS, SQL_RESOURCES, SQL_UC } from '../measures/living-standard.ts';
import { isSecret, SECRECY_MIN_ROWS } from './secrecy.ts';

export const MEASURES = {
	living_standard: {
		label: 'Niveau de vie (€/an par UC)',
		value: SQL_LIVING_STANDARD,
		weight: `weight * ${SQL_PERSONS}`,
		weightLabel: 'personnes',
		where: `${SQL_DISPOSABLE} >= 0`,
		width: 2000,
		min: 0,
		max: 60000
	},
	rav_person_day: {
		label: 'Reste à vivre (€ par personne et par jour)',
		value: `round((${SQL_RESOURCES} - ${SQL_CHARGES}) / ${SQL_PERSONS} / 30, 2)`,
		weight: 'weight',
		weightLabel: 'ménages',
		where: 'true',
		width: 5,
		min: -20,
		max: 100
	},
	rav_uc_day: {
		label: 'Reste à vivre (€ par UC et par jour)',
		value: `round((${SQL_RESOURCES} - ${SQL_CHARGES}) / ${SQL_UC} / 30, 2)`,
		weight: 'weight',
		weightLabel: 'ménages',
		where: 'true',
		width: 5,
		min: -20,
		max: 150
	}
} as const;
export type Measure = keyof typeof MEASURES;

/** Which distribution each quantile indicator comes from. */
export const DISTRIBUTION_OF: Readonly<Record<string, Measure>> = {
	median_living_standard: 'living_standard',
	d1: 'living_standard',
	d9: 'living_standard',
	d9_d1_ratio: 'living_standard',
	s80_s20_ratio: 'living_standard',
	rav_median_person_day: 'rav_person_day',
	rav_d1_person_day: 'rav_person_day',
	rav_under_5_share: 'rav_person_day',
	rav_under_8_share: 'rav_person_day',
	rav_under_10_share: 'rav_person_day',
	rav_negative_share: 'rav_person_day',
	rav_median_uc_day: 'rav_uc_day'
};

export interface Bin {
	/** Lower bound; the first and last bins also hold everything beyond [min, max). */
	x0: number;
	x1: number;
	weight: number | null;
	suppressed: boolean;
}

export async function distribution(
	db: Connector,
	opts: { measure: Measure; year: number; communes?: readonly string[]; minRows?: number }
): Promise<Bin[]> {
	const m = MEASURES[opts.measure];
	const inCommunes = opts.communes?.length ? `AND commune IN (${opts.communes.map(literal).join(', ')})` : '';
	const rows = await db.query<{ b: number; w: number; n: number }>(
		`SELECT least(greatest(floor((v - ${m.min}) / ${m.width}), 0), ${(m.max - m.min) / m.width - 1})::INTEGER AS b,
		        sum(wt)::DOUBLE AS w, count(*)::INTEGER AS n
		 FROM (SELECT (${m.value})::DOUBLE AS v, (${m.weight})::DOUBLE AS wt FROM households
		       WHERE year = ? AND (${m.where}) ${inCommunes})
		 GROUP BY 1 ORDER BY 1`,
		[opts.year]
	);
	return rows.map((r) => {
		const suppressed = isSecret(r.n, opts.minRows ?? SECRECY_MIN_ROWS);
		return { x0: m.min + r.b * m.width, x1: m.min + (r.b + 1) * m.width, weight: suppressed ? null : r.w, suppressed };
	});
}
