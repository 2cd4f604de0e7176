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
