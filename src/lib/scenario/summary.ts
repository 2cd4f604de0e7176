/**
 * The answer first: one French sentence written by rules from the published report (never from a language
 * model), as PolicyEngine opens a reform's results. It states only figures the report publishes: a secret
 * figure (publish.ts) drops its clause, so the sentence never gives away what the tables hide. On synthetic data
 * every figure is published (the marks are the tables' job).
 */
import { MONTHS } from './envelope.ts';
import type { Published } from './publish.ts';

const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const upTo2 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** Households: whole numbers (they are weighted sums). */
const households = (x: number) => int.format(Math.round(x));
/** Euros as an elected official reads them: to the euro under 1 000 €, to 100 € above. */
export function roundedEuros(x: number): string {
	const a = Math.abs(x);
	return `${int.format(a < 1000 ? Math.round(a) : Math.round(a / 100) * 100)} €`;
}
const plural = (n: number, one: string, many: string) => (Math.round(n) > 1 ? many : one);

/** The figure at `side.key`, or null when the report keeps it secret. */
function figure(r: Published, path: string, value: number | null | undefined): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	return !r.synthetic && r.secret.includes(path) ? null : value;
}

/**
 * What the user changed, as the sentence's opening (« En passant « Reste à vivre maximal » de 10 à 12 €/jour »):
 * a gerund and the parameter's label in quotes, so no article has to agree with a label's gender.
 */
export function changePhrase(r: Published): string {
	const c = r.changes;
	if (c.length === 1) {
		const x = c[0];
		const unit = x.unit && x.unit !== 'part' && x.unit !== 'nombre' ? ` ${x.unit}` : '';
		return `En passant « ${x.label} » de ${upTo2.format(x.from)} à ${upTo2.format(x.to)}${unit}`;
	}
	if (c.length > 1) return `En modifiant ${c.length} paramètres (${c.map((x) => `« ${x.label} »`).join(', ')})`;
	if (r.baseline.scheme !== r.scenario.scheme) {
		const other = basis(r.baseline);
		return `En attribuant l’aide ${basis(r.scenario)} plutôt ${/^[aeiou]/.test(other) ? 'qu’' : 'que '}${other}`;
	}
	return `Avec ses paramètres d’origine, le dispositif « ${shortLabel(r.scenario.label)} »`;
}

/** A scheme's label without its description (« Le Pré-Saint-Gervais — aide aux… » → « Le Pré-Saint-Gervais »). */
const shortLabel = (label: string) => label.split(' — ')[0];
/** On what basis a side attributes the aid, for the sentence. */
const basis = (t: Published['baseline']) => (t.scheme === 'statut-rsa' ? 'au statut (bénéficiaires du RSA)' : `selon les critères de « ${shortLabel(t.label)} »`);

/** Served working-poor households of a side (coverage × working-poor households), null when secret. */
function servedWorkingPoor(r: Published, side: 'baseline' | 'scenario'): number | null {
	const t = r[side].targeting;
	const cov = figure(r, `${side}.targeting.coverage_working_poor`, t.coverage_working_poor);
	const wp = figure(r, `${side}.targeting.working_poor_households`, t.working_poor_households);
	return cov === null || wp === null ? null : (cov * wp) / 100;
}

function envelopeClause(r: Published): string {
	const env = r.envelope;
	const base = r.baseline_envelope;
	if (env.budget === null && env.capacity === null) return '';
	const what = env.budget !== null ? `l’enveloppe de ${roundedEuros(env.budget)}` : `la capacité de ${households(env.capacity!)} ${plural(env.capacity!, 'place', 'places')}`;
	const now = env.exhausted_month;
	const before = base.budget !== null || base.capacity !== null ? base.exhausted_month : null;
	const month = (m: number) => MONTHS[m - 1];
	if (now !== null && before !== null && now !== before) return `${what} serait épuisée en ${month(now)} au lieu de ${month(before)}`;
	if (now !== null && before !== null) return `${what} serait épuisée en ${month(now)}, comme dans la référence`;
	if (now !== null) return `${what} serait épuisée en ${month(now)}`;
	if (before !== null) return `${what} ne serait plus épuisée (elle l’est en ${month(before)} dans la référence)`;
	return `${what} suffirait pour l’année`;
}

/** The headline sentence of a scenario report. */
export function summarySentence(r: Published): string {
	const subject = changePhrase(r);
	const b = figure(r, 'baseline.beneficiaries', r.baseline.beneficiaries);
	const s = figure(r, 'scenario.beneficiaries', r.scenario.beneficiaries);
	const cb = figure(r, 'baseline.cost', r.baseline.cost);
	const cs = figure(r, 'scenario.cost', r.scenario.cost);
	const same = r.changes.length === 0 && r.baseline.scheme === r.scenario.scheme;
	// The subject is the scheme (no change) or the territory's CCAS: one or several.
	const many = !same && r.territory.communes.length > 1;
	const help = many ? 'aideraient' : 'aiderait';
	const parts: string[] = [];
	if (same) {
		// No change: the scheme's own figures.
		parts.push(s === null ? `${help} un nombre de ménages trop faible pour être publié` : `${help} ${households(s)} ${plural(s, 'ménage', 'ménages')}`);
		if (cs !== null) parts[0] += ` pour ${roundedEuros(cs)} dans l’année`;
	} else {
		const wpB = servedWorkingPoor(r, 'baseline');
		const wpS = servedWorkingPoor(r, 'scenario');
		if (b !== null && s !== null) {
			const d = Math.round(s) - Math.round(b);
			const wp = wpB !== null && wpS !== null ? Math.round(wpS) - Math.round(wpB) : null;
			// « dont » only when the working poor are part of the change; otherwise the shift among those served is said apart.
			const wpText = (x: number) => `${households(Math.abs(x))} ${plural(Math.abs(x), 'travailleur pauvre', 'travailleurs pauvres')}`;
			const among =
				wp === null || wp === 0
					? ''
					: Math.sign(wp) === Math.sign(d) && Math.abs(wp) <= Math.abs(d)
						? `, dont ${wpText(wp)}`
						: `, avec ${wpText(wp)} ${wp > 0 ? 'de plus' : 'de moins'} parmi les ménages aidés`;
			parts.push(
				d > 0
					? `${help} ${households(d)} ${plural(d, 'ménage', 'ménages')} de plus${among}`
					: d < 0
						? `${help} ${households(-d)} ${plural(-d, 'ménage', 'ménages')} de moins${among}`
						: `ne ${many ? 'changeraient' : 'changerait'} pas le nombre de ménages aidés (${households(s)})`
			);
		} else parts.push(`${many ? 'changeraient' : 'changerait'} le nombre de ménages aidés d’un nombre trop faible pour être publié`);
		if (cb !== null && cs !== null) {
			const dc = cs - cb;
			parts[0] += `${/, (dont|avec) /.test(parts[0]) ? ',' : ''} ${Math.abs(dc) < 0.5 ? 'pour le même coût' : `pour ${roundedEuros(dc)} de ${dc > 0 ? 'plus' : 'moins'}`}`;
		}
	}
	const env = envelopeClause(r);
	// After a gerund the sentence needs a subject: the CCAS of the territory.
	const opening = same ? subject : `${subject}, ${many ? 'les CCAS' : 'le CCAS'}`;
	return `${opening} ${parts.join(', ')}${env ? ` ; ${env}` : ''}.`;
}
