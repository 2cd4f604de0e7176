/**
 * A scenario in a URL query string, so that a link reproduces the same report: scheme, baseline, territory,
 * year, assumptions, envelopes, indexation, which data it was made on, and one `p.<parameter>=value` per named
 * change. Read back through resolveScenario, so a bad link gets the same French message as `--set`; read
 * against the data at hand, a year or commune the data lacks becomes the nearest valid one, with a notice; so do
 * a scheme Vigie does not know (the first one), a parameter the scheme does not have (left out) and a value outside
 * its range (its nearest bound).
 */
import { nearestYear, originNotice, type DataOrigin } from '../app/link.ts';
import { formatNumber } from '../rules/cents.ts';
import { listSchemes, parameterRange, rangeInWords } from '../rules/registry.ts';
import { resolveScenario, type ScenarioSpec } from './spec.ts';

export type { DataOrigin };

export interface SharedScenario {
	spec: ScenarioSpec;
	year?: number;
	origin?: DataOrigin;
}

/** What the data at hand holds, to read a link against it. */
export interface LinkContext {
	years: readonly number[];
	communes: readonly string[];
	origin: DataOrigin;
}

const ENVELOPE_RULES = { menages: 'per_household', saisie: 'custom' } as const;

export function scenarioToQuery({ spec, year, origin }: SharedScenario): string {
	const q = new URLSearchParams();
	q.set('dispositif', spec.scheme);
	if (spec.baseline) q.set('reference', spec.baseline);
	if (spec.communes?.length) q.set('communes', spec.communes.join(','));
	if (year !== undefined) q.set('annee', String(year));
	if (spec.renewal_share !== undefined) q.set('renouvellement', String(spec.renewal_share));
	if (spec.take_up !== undefined) q.set('recours', String(spec.take_up));
	const rule = spec.envelope_rule;
	if (rule?.kind === 'per_household') q.set('enveloppe', 'menages');
	if (rule?.kind === 'custom') {
		q.set('enveloppe', 'saisie');
		for (const [c, v] of Object.entries(rule.budgets)) q.set(`e.${c}`, String(v));
	}
	if (spec.indexed) q.set('indexe', '1');
	if (origin) q.set('donnees', origin);
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
export function scenarioFromQuery(query: string): SharedScenario;
export function scenarioFromQuery(query: string, ctx: LinkContext): SharedScenario & { notices: string[] };
export function scenarioFromQuery(query: string, ctx?: LinkContext): SharedScenario & { notices?: string[] } {
	const q = new URLSearchParams(query);
	const asked = q.get('dispositif');
	if (!asked) throw new Error('dispositif absent du lien');
	const notices: string[] = [];
	const known = listSchemes().find((x) => x.id === asked);
	const scheme = known || !ctx ? asked : listSchemes()[0].id;
	if (!known && ctx) notices.push(`Dispositif « ${asked} » inconnu : ${listSchemes()[0].label} affiché.`);
	const changes: Record<string, number> = {};
	for (const [k, v] of q) {
		if (!k.startsWith('p.')) continue;
		const x = Number(v.replace(',', '.'));
		if (!Number.isFinite(x)) throw new Error(`${k.slice(2)} : « ${v} » n’est pas un nombre`);
		changes[k.slice(2)] = x;
	}
	if (ctx) keepToRanges(scheme, changes, notices, !!known);
	const communes = q.get('communes')?.split(',').filter(Boolean);
	for (const c of communes ?? []) if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) throw new Error(`code commune invalide « ${c} »`);
	const yearText = q.get('annee');
	const year = yearText === null ? undefined : Number(yearText);
	if (year !== undefined && !Number.isInteger(year)) throw new Error(`année invalide « ${yearText} »`);
	const envelope = q.get('enveloppe');
	if (envelope !== null && !(envelope in ENVELOPE_RULES)) throw new Error(`enveloppe : « menages » ou « saisie » attendu (reçu « ${envelope} »)`);
	const budgets: Record<string, number> = {};
	for (const [k, v] of q) {
		if (!k.startsWith('e.')) continue;
		const x = Number(v.replace(',', '.'));
		if (!(Number.isFinite(x) && x >= 0)) throw new Error(`enveloppe de ${k.slice(2)} : un montant positif est attendu (reçu « ${v} »)`);
		budgets[k.slice(2)] = x;
	}
	const origin = q.get('donnees');
	if (origin !== null && origin !== 'defaut' && origin !== 'import') throw new Error(`donnees : « defaut » ou « import » attendu (reçu « ${origin} »)`);
	let kept = communes;
	let shownYear = year;
	if (ctx) {
		const absent = (communes ?? []).filter((c) => !ctx.communes.includes(c));
		if (absent.length) {
			kept = communes!.filter((c) => ctx.communes.includes(c));
			notices.push(`Commune${absent.length > 1 ? 's' : ''} ${absent.join(', ')} absente${absent.length > 1 ? 's' : ''} des données : ${kept.length ? 'retirée' + (absent.length > 1 ? 's' : '') + ' du territoire' : 'toutes les communes sont affichées'}.`);
		}
		if (year !== undefined) {
			const near = nearestYear(year, ctx.years);
			shownYear = near.year;
			if (near.notice) notices.push(near.notice);
		}
		const other = originNotice(origin, ctx.origin);
		if (other) notices.push(other);
	}
	const spec: ScenarioSpec = {
		scheme,
		changes,
		...(q.get('reference') ? { baseline: q.get('reference')! } : {}),
		...(kept?.length ? { communes: kept } : {}),
		...(q.has('renouvellement') ? { renewal_share: share(q, 'renouvellement') } : {}),
		...(q.has('recours') ? { take_up: share(q, 'recours') } : {}),
		...(envelope === 'menages' ? { envelope_rule: { kind: 'per_household' as const } } : {}),
		...(envelope === 'saisie' ? { envelope_rule: { kind: 'custom' as const, budgets } } : {}),
		...(q.get('indexe') === '1' ? { indexed: true } : {})
	};
	resolveScenario(spec);
	return { spec, year: shownYear, ...(origin ? { origin } : {}), ...(ctx ? { notices } : {}) };
}

/** Read against the page: a parameter the scheme lacks is left out, a value outside its range set to its bound. */
function keepToRanges(schemeId: string, changes: Record<string, number>, notices: string[], known: boolean): void {
	const scheme = listSchemes().find((x) => x.id === schemeId)!;
	for (const [id, v] of Object.entries(changes)) {
		const p = scheme.parameters.find((x) => x.id === id);
		if (!p) {
			delete changes[id];
			if (known) notices.push(`Paramètre inconnu « ${id} » pour ${scheme.label} : ignoré.`);
			continue;
		}
		const { min, max } = parameterRange(p);
		const near = Math.min(max, Math.max(min, v));
		if (near !== v) {
			changes[id] = near;
			notices.push(`${p.label} : ${formatNumber(v)} hors de l’intervalle autorisé (${rangeInWords(p)}) : ${formatNumber(near)} affiché.`);
		}
	}
}
