/**
 * The default-dataset generator (DESIGN.md §7): a weighted sample of households per commune calibrated
 * on Filosofi 2021, evolved over the household years, and the CCAS aid requests. Deterministic: the same
 * options give the same rows, in the same order.
 */
import type { AidRequest, Household } from '../data/schema.ts';
import type { CommuneTargets } from '../references/filosofi.ts';
import { generateAidRequests } from './aid-requests.ts';
import { generateCommune } from './population.ts';
import { OLD_CODES_93, TARGETS_93 } from './targets-93.ts';

export interface GenerateOptions {
	departement: string;
	/** Sampling rate, e.g. 0.1: each household then weighs 10. */
	sample: number;
	seed: number;
	/** Household years; default [2021, 2022, 2023]. 2021 is the calibrated year. */
	years?: number[];
	/** Aid-request years; default 2019..2025. */
	aidYears?: number[];
	/** Default: the embedded Filosofi 2021 table for 93 (targets-93.ts). */
	targets?: CommuneTargets[];
	/** Old commune code → current commune; default for 93: 93059 → 93066. */
	communeOf?: (oldCode: string) => string;
}

export interface GeneratedData {
	households: Household[];
	aidRequests: AidRequest[];
}

export function generate(options: GenerateOptions): GeneratedData {
	const { departement, sample, seed } = options;
	if (!(sample > 0 && sample <= 1)) throw new Error(`generate : sample doit être dans ]0, 1] (reçu ${sample})`);
	let targets: readonly CommuneTargets[];
	if (options.targets) targets = options.targets;
	else if (departement === '93') targets = TARGETS_93;
	else throw new Error(`generate : pas de cibles Filosofi intégrées pour le département ${departement} (donnez targets)`);
	const communeOf = options.communeOf ?? (departement === '93' ? (c: string) => OLD_CODES_93[c] ?? c : (c: string) => c);
	const years = [...new Set(options.years ?? [2021, 2022, 2023])].sort((a, b) => a - b);
	const aidYears = options.aidYears ?? [2019, 2020, 2021, 2022, 2023, 2024, 2025];

	// One id counter per current commune: Pierrefitte's households continue Saint-Denis's numbering.
	const counters = new Map<string, number>();
	const nextId = (commune: string) => {
		const k = (counters.get(commune) ?? 0) + 1;
		counters.set(commune, k);
		return `${commune}-${String(k).padStart(6, '0')}`;
	};
	// Rows grouped by year, then by current commune in the order of the targets.
	const grouped = new Map<number, Map<string, Household[][]>>();
	for (const y of years) grouped.set(y, new Map());
	for (const t of targets) {
		const commune = communeOf(t.code);
		const byYear = generateCommune({ targets: t, commune, sample, seed, years, nextId });
		for (const [y, rows] of byYear) {
			const m = grouped.get(y)!;
			if (!m.has(commune)) m.set(commune, []);
			m.get(commune)!.push(rows);
		}
	}
	const households: Household[] = [];
	for (const y of years) for (const parts of grouped.get(y)!.values()) for (const rows of parts) for (const h of rows) households.push(h);

	const aidRequests = generateAidRequests({ households, targets, communeOf, years: aidYears, seed });
	return { households, aidRequests };
}
