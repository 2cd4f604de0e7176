/**
 * Runs catalogue indicators over the validated tables for every territory (communes, an optional group,
 * départements) and returns plain rows in the CLI's output contract (DESIGN.md §6), secrecy applied (on
 * synthetic data: computed the same way, and marked instead of applied).
 */
import type { Connector } from '../db/connector.ts';
import { povertyThreshold } from '../measures/living-standard.ts';
import { dataCommunes, hasTable, localThreshold, territoriesOf, writeTerritories, type Territory } from './base.ts';
import { INDICATORS, sourceOf, type Indicator, type RatioIndicator } from './catalogue.ts';
import { distributionsRaw, sumsRaw, type Raw } from './raw.ts';
import { memo, yearStats } from './stats.ts';
import {
	applySecondarySecrecy,
	isSecret,
	isSmall,
	QUANTILE_STEP,
	roundTo,
	SECRECY_MIN_ROWS,
	secretReason,
	type Aggregate,
	type SecrecyCell,
	type SecretReason
} from './secrecy.ts';

export type TerritoryType = 'commune' | 'group' | 'departement' | 'france';

export interface IndicatorValue {
	indicator: string;
	territory: string;
	territory_type: TerritoryType;
	year: number;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	unit: string;
	suppressed: boolean;
	/**
	 * Only with `synthetic`: the secrecy rule (primary or secondary) would hide this value on real data; it is
	 * shown (`suppressed: false`) because synthetic data protect nobody. Absent on real data.
	 */
	would_be_secret?: boolean;
	/** A group hidden (or on synthetic data that would be) by the group rule: « contiendrait des communes sous le secret ». */
	secret_reason?: string;
}

export interface RunOptions {
	year?: number;
	/** Communes forming the user's group (territory_type `group`). */
	group?: { code: string; communes: string[] };
	indicators?: readonly Indicator[];
	/** Minimum unweighted rows under which a value is secret (default 11, DESIGN.md §4.1). */
	minRows?: number;
	/** Poverty threshold: national Filosofi/ERFS threshold of the year (default) or 60 % of the data's own median. */
	poverty?: 'national' | 'local';
	/**
	 * The data are synthetic (generator's manifest): secrecy is computed as on real data, but a cell it would
	 * hide keeps its value and says so in `would_be_secret` (DESIGN.md §4.1). Off: output as on real data.
	 */
	synthetic?: boolean;
}

export async function householdYears(db: Connector): Promise<number[]> {
	const rows = await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY year');
	return rows.map((r) => r.year);
}

/** Years with households or aid requests: aid indicators have a series even where households have none. */
export async function dataYears(db: Connector): Promise<number[]> {
	const withRequests = await hasTable(db, 'aid_requests');
	const rows = await db.query<{ year: number }>(
		`SELECT DISTINCT year FROM households${withRequests ? ' UNION SELECT DISTINCT year(date_request) FROM aid_requests' : ''} ORDER BY 1`
	);
	return rows.map((r) => Number(r.year));
}

/** A quantile as published: rounded as INSEE rounds it (QUANTILE_STEP), never an individual's value. */
function rounded(ind: Indicator, v: number | null): number | null {
	const step = 'value' in ind ? QUANTILE_STEP[ind.value] : undefined;
	return v === null || step === undefined || ind.kind === 'tail_ratio' ? v : roundTo(v, step);
}

function valueOf(ind: Indicator, r: Raw | undefined, threshold: number): number | null {
	if (!r) return null;
	switch (ind.kind) {
		case 'quantile': {
			const q = rounded(ind, r.value);
			if (q === null || ind.gapTo !== 'threshold') return q;
			return (100 * (threshold - q)) / threshold;
		}
		case 'quantile_ratio': {
			const [a, b] = [rounded(ind, r.numerator), rounded(ind, r.denominator)];
			return a !== null && b ? a / b : null;
		}
		case 'sum':
			if (!ind.denominator) return r.numerator;
			return r.denominator ? ((ind.scale ?? 1) * (r.numerator ?? 0)) / r.denominator : null;
		default:
			return r.numerator !== null && r.denominator ? r.numerator / r.denominator : null;
	}
}

/**
 * The totals of the dataset's own hierarchy: each département over its communes. Never the user's group: the
 * suppression pattern is the dataset's, whatever is asked (DESIGN.md §4.1); a group is then published by the rule
 * of `groupSecret`.
 */
export function aggregatesOf(territories: readonly Territory[]): Aggregate[] {
	return territories
		.filter((t) => t.territory_type === 'departement')
		.map((d) => ({ totals: [`departement:${d.territory}`], members: d.communes.map((c) => `commune:${c}`) }));
}

/**
 * A group is published only if, in each département, it holds none or all of the communes secret for the cell
 * (and, holding all, the département is published): what any set of groups then reveals about the secret communes is
 * their sum, which the département shows already and secondary secrecy keeps at minRows rows or more.
 */
function groupSecret(g: Territory, territories: readonly Territory[], hidden: (key: string) => boolean): boolean {
	const members = new Set(g.communes);
	for (const d of territories.filter((t) => t.territory_type === 'departement')) {
		const secret = d.communes.filter((c) => hidden(`commune:${c}`));
		const inside = secret.filter((c) => members.has(c)).length;
		if (inside && (inside < secret.length || hidden(`departement:${d.territory}`))) return true;
	}
	return false;
}

export async function runIndicators(db: Connector, opts: RunOptions = {}): Promise<IndicatorValue[]> {
	const withRequests = await hasTable(db, 'aid_requests');
	const years = await memo(db, 'household years', () => householdYears(db));
	if (!years.length) return [];
	const year = opts.year ?? years[years.length - 1];
	const minRows = opts.minRows ?? SECRECY_MIN_ROWS;
	const territories = territoriesOf(await memo(db, `communes ${withRequests}`, () => dataCommunes(db, withRequests)), opts.group);
	const threshold =
		(opts.poverty === 'local' ? await memo(db, `local threshold ${year}`, () => localThreshold(db, year)) : null) ?? povertyThreshold(year).yearly;
	const stats = await yearStats(db, year, threshold, withRequests);
	const aggregates = aggregatesOf(territories);

	const usable = (opts.indicators ?? INDICATORS).filter(
		(ind) => withRequests || (sourceOf(ind) !== 'aid_requests' && !(ind.kind === 'sum' && ind.denominatorFrom === 'aid_requests'))
	);
	// Only territories not met before (for this year, threshold and indicator) are queried.
	const full = (t: Territory) => `${t.territory_type}:${t.territory}:${t.communes.join(',')}`;
	const missing = territories.filter((t) => usable.some((ind) => !stats.computed.get(ind)?.has(full(t))));
	if (missing.length) {
		await writeTerritories(db, missing);
		const raw = new Map([
			...(await sumsRaw(db, stats, usable.filter((i): i is RatioIndicator => i.kind === 'sum'), withRequests)),
			...(await distributionsRaw(db, stats, usable.filter((i): i is Exclude<Indicator, RatioIndicator> => i.kind !== 'sum')))
		]);
		for (const ind of usable) {
			let m = stats.computed.get(ind);
			if (!m) stats.computed.set(ind, (m = new Map()));
			for (const t of missing) m.set(full(t), raw.get(ind.id)!.get(`${t.territory_type}:${t.territory}`));
		}
	}

	const out: IndicatorValue[] = [];
	for (const ind of usable) {
		const known = stats.computed.get(ind)!;
		// Every territory gets a row; one without data rests on 0 rows, hence secret (never 0).
		const cells = new Map<string, SecrecyCell & { raw?: Raw; t: Territory; reason?: SecretReason }>();
		for (const t of territories) {
			const k = `${t.territory_type}:${t.territory}`;
			const r = known.get(full(t));
			const n = r?.n ?? 0;
			const suppressed = isSecret(n, minRows) || isSmall(r?.nNum, minRows);
			cells.set(k, { n, nNum: r?.nNum, denominator: r?.denominator ?? null, suppressed, raw: r, t, reason: suppressed ? 'primary' : undefined });
		}
		// Secondary secrecy: only sums are additive, so only they can be derived from a total.
		if (ind.kind === 'sum') for (const k of applySecondarySecrecy(cells, aggregates, minRows)) cells.get(k)!.reason = 'secondary';
		const hidden = (k: string) => cells.get(k)?.suppressed ?? true;
		for (const c of cells.values())
			if (c.t.territory_type === 'group' && !c.suppressed && groupSecret(c.t, territories, hidden)) (c.suppressed = true), (c.reason = 'group');
		const rows = sourceOf(ind) === 'aid_requests' ? 'demandes' : 'ménages';
		for (const c of cells.values()) {
			const hide = c.suppressed && !opts.synthetic;
			const quantile = ind.kind === 'quantile_ratio';
			const row: IndicatorValue = {
				indicator: ind.id,
				territory: c.t.territory,
				territory_type: c.t.territory_type,
				year,
				value: hide ? null : valueOf(ind, c.raw, threshold),
				numerator: hide ? null : quantile ? rounded(ind, c.raw?.numerator ?? null) : (c.raw?.numerator ?? null),
				denominator: hide ? null : quantile ? rounded(ind, c.raw?.denominator ?? null) : (c.raw?.denominator ?? null),
				unit: ind.unit,
				suppressed: hide
			};
			// Why real data hide it: on synthetic data the same reason explains the mark.
			if (c.suppressed && c.reason) row.secret_reason = secretReason(c.reason, minRows, rows);
			// Added only on synthetic data, so that real data's rows stay exactly as they were.
			if (opts.synthetic) row.would_be_secret = c.suppressed;
			out.push(row);
		}
	}
	const order: Record<TerritoryType, number> = { commune: 0, group: 1, departement: 2, france: 3 };
	return out.sort(
		(a, b) =>
			a.indicator.localeCompare(b.indicator) ||
			order[a.territory_type] - order[b.territory_type] ||
			a.territory.localeCompare(b.territory)
	);
}
