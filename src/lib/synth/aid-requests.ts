/**
 * Requests for aides facultatives (DESIGN.md §3 aid_requests), per CCAS and year. Aid registers are
 * exhaustive, so volumes are at full scale whatever the households sample: about 50 requests a year for
 * Le Pré-Saint-Gervais (seed 000: ~30 people helped a year), proportional to the commune's poor persons
 * elsewhere, rising a bit over the years, with a growing share of working households (domain.md §4.1:
 * working poor are the fastest-growing group of aid seekers [S89]). Each request links to a sampled
 * household of the same commune and the nearest household year, drawn with a propensity that favours
 * poor, followed, working households; renewals link to the same household.
 */
import type { AidRequest, Household } from '../data/schema.ts';
import { livingStandard, povertyThreshold } from '../measures/living-standard.ts';
import type { CommuneTargets } from '../references/filosofi.ts';
import { clamp, createRng, seedFrom, type Rng } from './random.ts';

type AidType = AidRequest['aid_type'];
type Form = AidRequest['form'];

/** Requests per poor person and year: ≈ 50 for Le Pré-Saint-Gervais's 16 373 × 23 % poor persons in 2021. */
const REQUESTS_PER_POOR_PERSON = 50 / (16373 * 0.23);
/** Pré-Saint-Gervais scheme: cap 400 € (seed 000, domain.md §10.2). */
const PSG_CODE = '93061';
const PSG_CAP = 400;
/** Requests from people outside the tax file (homeless, newly arrived): no household link (hypothèse). */
const UNLINKED_SHARE = 0.05;
const RENEWAL_SHARE = 0.25;

export interface AidRequestOptions {
	households: readonly Household[];
	targets: readonly CommuneTargets[];
	communeOf: (code: string) => string;
	years: readonly number[];
	seed: number;
}

/** Volume factor by year: +5 %/year, with a 2020 (Covid) bump (hypothèse). */
function volumeFactor(year: number): number {
	return 1 + 0.05 * (year - 2021) + (year === 2020 ? 0.06 : 0);
}

/** Working households weigh more among requesters each year (hypothèse, domain.md §4.1 [S89]). */
function workingFactor(year: number): number {
	return 0.8 + 0.07 * (year - 2019);
}

const AID_TYPES: readonly AidType[] = ['food', 'bill_energy', 'bill_rent', 'cash', 'microcredit', 'other'];
/** Median requested amount by type, € (hypothèse), lognormal around it, within 50–1 000 €. */
const MEDIAN_AMOUNT: Record<AidType, number> = { food: 120, bill_energy: 260, bill_rent: 450, cash: 200, microcredit: 700, other: 200 };

/** A request before its id, with its drawing order and its household (not written out). */
interface Draft extends Omit<AidRequest, 'request_id'> {
	seq: number;
	household: Household | null;
}

const day = 86400000;
const isoCache = new Map<number, string>();
/** ISO date of a UTC midnight timestamp (cached: a few thousand distinct days, many requests). */
function iso(t: number): string {
	let s = isoCache.get(t);
	if (s == null) isoCache.set(t, (s = new Date(t).toISOString().slice(0, 10)));
	return s;
}

export function generateAidRequests(o: AidRequestOptions): AidRequest[] {
	const years = [...new Set(o.years)].sort((a, b) => a - b);
	if (!years.length) return [];
	const end = Date.UTC(years[years.length - 1], 11, 31);
	// Requests less than six months before the end of the data have no known outcome yet.
	const outcomeCutoff = Date.UTC(years[years.length - 1], 6, 1);

	// Poor persons per current commune (Pierrefitte's add to Saint-Denis's): drive the volumes.
	const poorPersons = new Map<string, number>();
	for (const t of o.targets) {
		const c = o.communeOf(t.code);
		poorPersons.set(c, (poorPersons.get(c) ?? 0) + (t.persons * (t.poverty_rate ?? 15)) / 100);
	}
	const pools = new Map<string, Map<number, Household[]>>();
	for (const h of o.households) {
		let byYear = pools.get(h.commune);
		if (!byYear) pools.set(h.commune, (byYear = new Map()));
		let list = byYear.get(h.year);
		if (!list) byYear.set(h.year, (list = []));
		list.push(h);
	}

	const out: AidRequest[] = [];
	const poolInfo = new Map<readonly Household[], PoolInfo>();
	for (const commune of [...poorPersons.keys()].sort()) {
		const rng = createRng(seedFrom(o.seed, commune, 'aid'));
		const byYear = pools.get(commune);
		const householdYears = byYear ? [...byYear.keys()].sort((a, b) => a - b) : [];
		const drafts: Draft[] = [];
		for (const year of years) {
			const linkYear = nearest(householdYears, year);
			const pool = linkYear == null ? [] : byYear!.get(linkYear)!;
			const picker = requesterPicker(pool, year, poolInfo);
			const volume = Math.max(3, Math.round(poorPersons.get(commune)! * REQUESTS_PER_POOR_PERSON * volumeFactor(year) * (1 + 0.06 * rng.normal())));
			// Renewals come on top of first requests: ≈ 70 % granted × 25 % renewed × (1 + 30 % second renewals).
			const firsts = Math.max(3, Math.round(volume / (1 + RENEWAL_SHARE * 0.7 * 1.3)));
			const start = Date.UTC(year, 0, 1);
			const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / day);
			for (let k = 0; k < firsts; k++) {
				const i = rng.bernoulli(UNLINKED_SHARE) ? -1 : picker(rng);
				const h = i < 0 ? null : pool[i];
				const poor = i < 0 || poolInfo.get(pool)!.poor[i] === 1;
				const date = start + rng.int(0, days - 1) * day;
				const first = draftRequest(rng, drafts.length, commune, h, poor, date, 0, null);
				drafts.push(first);
				// Renewals at about half the amount, one to three months later (Boulogne-style degressivity, §10.2).
				let prev = first;
				for (let rank = 1; prev.decision === 'granted' && prev.aid_type !== 'microcredit' && rng.bernoulli(rank === 1 ? RENEWAL_SHARE : 0.3); rank++) {
					const next = Date.parse(prev.date_request) + rng.int(30, 90) * day;
					if (next > end) break;
					prev = draftRequest(rng, drafts.length, commune, h, poor, next, rank, prev);
					drafts.push(prev);
				}
			}
		}
		// Outcomes, then ids in date order within each year.
		for (const d of drafts) d.outcome_6m = outcome(rng, d, Date.parse(d.date_request) >= outcomeCutoff);
		drafts.sort((a, b) => (a.date_request < b.date_request ? -1 : a.date_request > b.date_request ? 1 : a.seq - b.seq));
		const counters = new Map<string, number>();
		for (const d of drafts) {
			const y = d.date_request.slice(0, 4);
			const k = (counters.get(y) ?? 0) + 1;
			counters.set(y, k);
			out.push({
				request_id: `${commune}-${y}-${String(k).padStart(5, '0')}`,
				household_id: d.household_id,
				commune: d.commune,
				scheme: d.scheme,
				date_request: d.date_request,
				date_decision: d.date_decision,
				aid_type: d.aid_type,
				form: d.form,
				amount_requested: d.amount_requested,
				amount_granted: d.amount_granted,
				decision: d.decision,
				renewal_rank: d.renewal_rank,
				referrer: d.referrer,
				outcome_6m: d.outcome_6m
			});
		}
	}
	return out;
}

/** @param poor the household is under the poverty threshold (true when unknown: no household). */
function draftRequest(rng: Rng, seq: number, commune: string, h: Household | null, poor: boolean, date: number, rank: number, prev: Draft | null): Draft {
	const psg = commune === PSG_CODE;
	const working = h != null && h.workers >= 1;
	let aid_type: AidType;
	if (prev) aid_type = prev.aid_type;
	else {
		const tenant = h?.tenure === 'social_rent' || h?.tenure === 'private_rent';
		aid_type = rng.choice(AID_TYPES, [
			h ? 0.36 : 0.55,
			0.22,
			tenant ? 0.2 : h?.tenure === 'owner' ? 0.03 : 0.08,
			0.14,
			working ? 0.08 : 0.03,
			0.05
		]);
	}
	const form: Form = formOf(rng, aid_type, psg);
	const requested = prev
		? Math.max(50, Math.round(prev.amount_granted * rng.uniform(0.4, 0.6)))
		: Math.round(clamp(MEDIAN_AMOUNT[aid_type] * Math.exp(0.5 * rng.normal()), aid_type === 'microcredit' ? 300 : 50, 1000));
	const decision = rng.choice<Draft['decision']>(['granted', 'refused', 'postponed'], prev ? [0.85, 0.1, 0.05] : poor ? [0.73, 0.17, 0.1] : [0.62, 0.28, 0.1]);
	let granted = 0;
	if (decision === 'granted') {
		const cap = psg ? PSG_CAP : 1000;
		granted = Math.round(Math.min(requested, cap) * (rng.bernoulli(0.6) ? 1 : rng.uniform(0.5, 0.95)));
		granted = Math.max(1, Math.min(granted, requested));
	}
	const d: Draft = {
		seq,
		household: h,
		household_id: h?.household_id ?? null,
		commune,
		scheme: psg ? 'pre-saint-gervais' : 'other',
		date_request: iso(date),
		date_decision: decision === 'postponed' ? null : iso(date + rng.int(3, 40) * day),
		aid_type,
		form,
		amount_requested: requested,
		amount_granted: granted,
		decision,
		renewal_rank: rank,
		referrer: prev ? prev.referrer : rng.choice<Draft['referrer']>(['ccas', 'departement', 'caf', 'association', 'other'], [0.4, 0.25, 0.15, 0.12, 0.08]),
		outcome_6m: 'unknown'
	};
	return d;
}

function formOf(rng: Rng, type: AidType, psg: boolean): Form {
	if (type === 'microcredit') return 'loan';
	// Pré-Saint-Gervais: half food vouchers, half cash (seed 000, domain.md §10.2).
	if (psg) return rng.bernoulli(0.5) ? 'voucher' : 'cash';
	switch (type) {
		case 'food':
			return rng.choice<Form>(['voucher', 'direct_payment', 'cash'], [0.85, 0.1, 0.05]);
		case 'bill_energy':
		case 'bill_rent':
			return rng.choice<Form>(['direct_payment', 'cash', 'voucher'], [0.85, 0.1, 0.05]);
		case 'cash':
			return rng.choice<Form>(['cash', 'voucher'], [0.85, 0.15]);
		default:
			return rng.choice<Form>(['voucher', 'cash', 'direct_payment'], [0.4, 0.3, 0.3]);
	}
}

/** Situation six months later: stabilised more often for working households helped with larger amounts. */
function outcome(rng: Rng, d: Draft, tooRecent: boolean): Draft['outcome_6m'] {
	const r = rng.next();
	if (tooRecent) return 'unknown';
	const h = d.household;
	const working = h != null && h.workers >= 1;
	const granted = d.decision === 'granted';
	const stab = 0.2 + (working ? 0.18 : 0) + (granted ? 0.08 : -0.05) + (granted && d.amount_granted >= 300 ? 0.1 : 0);
	const deg = 0.12 + (d.decision === 'refused' ? 0.1 : 0) + (h != null && h.overindebted !== 'none' ? 0.06 : 0);
	const unknown = 0.1;
	if (r < stab) return 'stabilised';
	if (r < stab + deg) return 'degraded';
	if (r < stab + deg + unknown) return 'unknown';
	return 'unchanged';
}

const thresholds = new Map<number, number>();
/** Yearly poverty threshold of the household year (povertyThreshold, cached: called per household). */
function thresholdOf(year: number): number {
	let t = thresholds.get(year);
	if (t == null) thresholds.set(year, (t = povertyThreshold(year).yearly));
	return t;
}

function nearest(sorted: readonly number[], year: number): number | null {
	let best: number | null = null;
	for (const y of sorted) if (best == null || Math.abs(y - year) < Math.abs(best - year)) best = y;
	return best;
}

interface PoolInfo {
	/** Propensity to ask for aid, before the working-household factor of the request year. */
	base: Float64Array;
	working: Uint8Array;
	poor: Uint8Array;
}

/** Propensity to ask: poor, followed by a social service, over-indebted households ask more. */
function poolInfoOf(pool: readonly Household[]): PoolInfo {
	const threshold = thresholdOf(pool[0].year);
	const info: PoolInfo = { base: new Float64Array(pool.length), working: new Uint8Array(pool.length), poor: new Uint8Array(pool.length) };
	for (let i = 0; i < pool.length; i++) {
		const h = pool[i];
		const x = livingStandard(h) / threshold;
		let w = x < 0 ? 0.2 : x < 1 ? 1 : x < 1.3 ? 0.25 : 0.015;
		if (h.social_followup) w *= 2.5;
		if (h.overindebted !== 'none') w *= 1.5;
		info.base[i] = w;
		info.working[i] = h.workers >= 1 ? 1 : 0;
		info.poor[i] = x >= 0 && x < 1 ? 1 : 0;
	}
	return info;
}

/** Draws the index of a requester among a year's households, by propensity. */
function requesterPicker(pool: readonly Household[], year: number, cache: Map<readonly Household[], PoolInfo>): (rng: Rng) => number {
	if (!pool.length) return () => -1;
	let info = cache.get(pool);
	if (!info) cache.set(pool, (info = poolInfoOf(pool)));
	const cum = new Float64Array(pool.length);
	let total = 0;
	const wf = workingFactor(year);
	for (let i = 0; i < pool.length; i++) {
		total += info.working[i] ? info.base[i] * wf : info.base[i];
		cum[i] = total;
	}
	return (rng) => {
		const r = rng.next() * total;
		let lo = 0;
		let hi = pool.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cum[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
}
