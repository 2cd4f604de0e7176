/**
 * Cells of a secret commune an analyst gets back by subtraction from published rows (issue 21): the group {small,
 * other} minus `other`, and the département minus every other published commune. Only additive cells (a numerator
 * and a denominator published on both sides) can be subtracted.
 */
import { INDICATORS } from '../src/lib/indicators/catalogue.ts';
import type { IndicatorValue } from '../src/lib/indicators/run.ts';

const ADDITIVE = new Set(INDICATORS.filter((i) => i.kind === 'sum').map((i) => i.id));

const pub = (x: IndicatorValue | undefined) => !!x && !x.suppressed && x.numerator !== null;

export function recoveredCells(plain: IndicatorValue[], withGroup: IndicatorValue[], small: string, other: string) {
	const at = (rows: IndicatorValue[], ind: string, t: string) => rows.find((x) => x.indicator === ind && x.territory === t);
	const secret = plain.filter((x) => x.territory === small && x.suppressed && ADDITIVE.has(x.indicator)).map((x) => x.indicator);
	let byGroup = 0;
	let byDepartement = 0;
	const recovered = new Set<string>();
	for (const ind of secret) {
		if (pub(at(withGroup, ind, 'G')) && pub(at(plain, ind, other))) (byGroup++, recovered.add(ind));
		const dep = plain.find((x) => x.indicator === ind && x.territory_type === 'departement');
		const others = plain.filter((x) => x.indicator === ind && x.territory_type === 'commune' && x.territory !== small);
		if (pub(dep) && others.every(pub)) (byDepartement++, recovered.add(ind));
	}
	return { secret: secret.length, recovered: recovered.size, byGroup, byDepartement };
}

type Row = { key: string; n: number | null; households: number | null; baseline: Record<string, number | null> | null; scenario: Record<string, number | null> | null } & Record<string, unknown>;

/**
 * Breakdown fields (rows' counts and cells by family type, activity, tenure, decile) where the territory with the
 * small commune and the one without it are both published and differ: each difference is a figure about the small
 * commune's households alone.
 */
export function recoveredSimulatorFields(withSmall: Record<string, unknown>, without: Record<string, unknown>): number {
	let fields = 0;
	for (const k of ['by_family_type', 'by_activity', 'by_tenure', 'by_decile']) {
		const other = new Map((without[k] as Row[]).map((r) => [r.key, r]));
		for (const a of withSmall[k] as Row[]) {
			const b = other.get(a.key);
			if (!b) continue;
			const pairs: Array<[unknown, unknown]> = [
				[a.n, b.n],
				[a.households, b.households],
				...['eligible', 'beneficiaries', 'cost'].flatMap((f) => [
					[a.baseline?.[f], b.baseline?.[f]] as [unknown, unknown],
					[a.scenario?.[f], b.scenario?.[f]] as [unknown, unknown]
				]),
				...['gagnant', 'perdant', 'perdant_zero'].map((f) => [a[f], b[f]] as [unknown, unknown])
			];
			for (const [x, y] of pairs) if (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) > 1e-9) fields++;
		}
	}
	return fields;
}

/** Decile bounds published to the cent (not rounded to 10 €, as INSEE rounds): individual living standards. */
export function boundsToTheCent(report: Record<string, unknown>): number {
	return (report.by_decile as Array<{ upper?: number | null }>).filter((r) => typeof r.upper === 'number' && r.upper % 10 !== 0).length;
}

type Node = unknown;
const isCell = (x: Node): x is { value: number | null; suppressed: boolean } =>
	typeof x === 'object' && x !== null && 'suppressed' in x && 'value' in x;
/** An array element's identity: its plain fields (month, key, band, category…), not its figures. */
const identity = (x: Node) =>
	typeof x === 'object' && x !== null
		? JSON.stringify(Object.entries(x).filter(([, v]) => typeof v === 'string' || (typeof v === 'number' && !isCell(v))))
		: String(x);

/**
 * Figures of the Aides report (every cell: counts, shares, amounts, by month, type, band, profile…) shown in both
 * the selection with a part (a commune, a year) and the one without it, that differ where the part's own report
 * hides that figure: each is a figure secrecy hides, given back by a subtraction.
 */
export function recoveredAidCells(withPart: Node, without: Node, part: Node): number {
	if (isCell(withPart) && isCell(without)) {
		const hidden = !isCell(part) || part.suppressed;
		const differ = typeof withPart.value === 'number' && typeof without.value === 'number' && Math.abs(withPart.value - without.value) > 1e-9;
		return hidden && !withPart.suppressed && !without.suppressed && differ ? 1 : 0;
	}
	if (Array.isArray(withPart) && Array.isArray(without)) {
		const other = new Map(without.map((x) => [identity(x), x]));
		const own = new Map((Array.isArray(part) ? part : []).map((x) => [identity(x), x]));
		return withPart.reduce((n: number, x) => n + (other.has(identity(x)) ? recoveredAidCells(x, other.get(identity(x)), own.get(identity(x))) : 0), 0);
	}
	if (typeof withPart === 'object' && withPart !== null && typeof without === 'object' && without !== null) {
		let n = 0;
		const p = (typeof part === 'object' && part !== null ? part : {}) as Record<string, Node>;
		for (const k of Object.keys(withPart)) if (k in without) n += recoveredAidCells((withPart as Record<string, Node>)[k], (without as Record<string, Node>)[k], p[k]);
		return n;
	}
	return 0;
}
