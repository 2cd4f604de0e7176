/**
 * A scenario in a URL query string, so that a link reproduces the same report: scheme, baseline, territory,
 * year, assumptions, and one `p.<parameter>=value` per named change. Read back through resolveScenario, so a
 * bad link gets the same French message as `--set`.
 */
import { resolveScenario, type ScenarioSpec } from './spec.ts';

export interface SharedScenario {
	spec: ScenarioSpec;
	year?: number;
}

export function scenarioToQuery({ spec, year }: SharedScenario): string {
	const q = new URLSearchParams();
	q.set('dispositif', spec.scheme);
	if (spec.baseline) q.set('reference', spec.baseline);
	if (spec.communes?.length) q.set('communes', spec.communes.join(','));
	if (year !== undefined) q.set('annee', String(year));
	if (spec.renewal_share !== undefined) q.set('renouvellement', String(spec.renewal_share));
	if (spec.take_up !== undefined) q.set('recours', String(spec.take_up));
	for (const [k, v] of Object.entries(spec.changes ?? {})) q.set(`p.${k}`, String(v));
	return q.toString();
}

function share(q: URLSearchParams, key: string): number | undefined {
	const v = q.get(key);
	if (v === null) return undefined;
	const x = Number(v);
	if (!(Number.isFinite(x) && x >= 0 && x <= 1)) throw new Error(`${key} : une part entre 0 et 1 est attendue (reçu « ${v} »)`);
	return x;
}

/** Throws a French message on an unknown scheme or parameter, or an out-of-bounds value. */
export function scenarioFromQuery(query: string): SharedScenario {
	const q = new URLSearchParams(query);
	const scheme = q.get('dispositif');
	if (!scheme) throw new Error('dispositif absent du lien');
	const changes: Record<string, number> = {};
	for (const [k, v] of q) {
		if (!k.startsWith('p.')) continue;
		const x = Number(v.replace(',', '.'));
		if (!Number.isFinite(x)) throw new Error(`${k.slice(2)} : « ${v} » n’est pas un nombre`);
		changes[k.slice(2)] = x;
	}
	const communes = q.get('communes')?.split(',').filter(Boolean);
	for (const c of communes ?? []) if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) throw new Error(`code commune invalide « ${c} »`);
	const yearText = q.get('annee');
	const year = yearText === null ? undefined : Number(yearText);
	if (year !== undefined && !Number.isInteger(year)) throw new Error(`année invalide « ${yearText} »`);
	const spec: ScenarioSpec = {
		scheme,
		changes,
		...(q.get('reference') ? { baseline: q.get('reference')! } : {}),
		...(communes?.length ? { communes } : {}),
		...(q.has('renouvellement') ? { renewal_share: share(q, 'renouvellement') } : {}),
		...(q.has('recours') ? { take_up: share(q, 'recours') } : {})
	};
	resolveScenario(spec);
	return { spec, year };
}
