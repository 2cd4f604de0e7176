/**
 * The distribution behind a quantile indicator (niveau de vie, reste à vivre), as weighted bins for a
 * histogram. Each bin is a count of households: one resting on fewer than `minRows` rows is secret (on
 * synthetic data: shown and marked `would_be_secret`).
 */
import { literal, type Connector } from '../db/connector.ts';
import { povertyThreshold } from '../measures/living-standard.ts';
import { hasTable } from './base.ts';
import { yearStats } from './stats.ts';
import { isSecret, SECRECY_MIN_ROWS } from './secrecy.ts';

/** Value, weight and rows as the catalogue's quantile indicators declare them, so that both share one distribution. */
export const MEASURES = {
	living_standard: {
		label: 'Niveau de vie (€/an par UC)',
		value: 'living_standard',
		weight: 'w * persons',
		weightLabel: 'personnes',
		where: 'disposable >= 0',
		width: 2000,
		min: 0,
		max: 60000
	},
	rav_person_day: {
		label: 'Reste à vivre (€ par personne et par jour)',
		value: 'rav_person_day',
		weight: 'w',
		weightLabel: 'ménages',
		where: undefined,
		width: 5,
		min: -20,
		max: 100
	},
	rav_uc_day: {
		label: 'Reste à vivre (€ par UC et par jour)',
		value: 'rav_uc_day',
		weight: 'w',
		weightLabel: 'ménages',
		where: undefined,
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
	/** Only with `synthetic`: the bin would be secret on real data (its weight is shown all the same). */
	would_be_secret?: boolean;
}

/**
 * Histogram of a measure over the year's merged rows (stats.ts: one row per commune and distinct value,
 * shared with the catalogue's quantiles), so that another group reads no household row.
 */
export async function distribution(
	db: Connector,
	opts: { measure: Measure; year: number; communes?: readonly string[]; minRows?: number; synthetic?: boolean }
): Promise<Bin[]> {
	const m = MEASURES[opts.measure];
	// The national threshold's statistics: these measures do not depend on the threshold.
	const stats = await yearStats(db, opts.year, povertyThreshold(opts.year).yearly, await hasTable(db, 'aid_requests'));
	const d = await stats.distribution('households', { value: m.value, weight: m.weight, where: m.where });
	const inCommunes = opts.communes?.length ? `AND commune IN (${opts.communes.map(literal).join(', ')})` : '';
	// Per commune and bin: a territory's bin is its communes' bins added up, so it is shown only if none of them is
	// secret on its own (1 to 10 rows), or, for the whole data, if the secret ones hold 11 rows or more together:
	// then no histogram minus another gives back a commune's bin (the rule of run.ts for indicators).
	const minRows = opts.minRows ?? SECRECY_MIN_ROWS;
	const rows = await db.query<{ b: number; w: number; n: number; secret_n: number }>(
		`SELECT b, sum(w)::DOUBLE AS w, sum(n)::INTEGER AS n, sum(CASE WHEN n < ${minRows} THEN n ELSE 0 END)::INTEGER AS secret_n
		 FROM (SELECT commune, least(greatest(floor((v - ${m.min}) / ${m.width}), 0), ${(m.max - m.min) / m.width - 1})::INTEGER AS b,
		              sum(wt)::DOUBLE AS w, sum(cnt)::INTEGER AS n
		       FROM ${d.merged} WHERE dist = ${d.dist} ${inCommunes} GROUP BY ALL)
		 GROUP BY b ORDER BY b`
	);
	const whole = !opts.communes?.length;
	return rows.map((r) => {
		const secret = isSecret(r.n, minRows) || (r.secret_n > 0 && !(whole && r.secret_n >= minRows));
		const hide = secret && !opts.synthetic;
		const bin: Bin = { x0: m.min + r.b * m.width, x1: m.min + (r.b + 1) * m.width, weight: hide ? null : r.w, suppressed: hide };
		// Synthetic data protect nobody: the bin is drawn, marked (run.ts does the same for indicators).
		if (opts.synthetic) bin.would_be_secret = secret;
		return bin;
	});
}
