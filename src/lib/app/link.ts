/**
 * A page's choices in its URL (Territoire, Indicateurs, Aides, Simulateur), read back against the data at hand:
 * a year the data lacks becomes the nearest one, a link made on other data says so. Plain functions: the pages
 * read `location.search` and write with SvelteKit's replaceState.
 */

/** The data a link was made on: the embedded default (synthetic) or the user's imported files. */
export type DataOrigin = 'defaut' | 'import';

export const originOf = (synthetic: boolean): DataOrigin => (synthetic ? 'defaut' : 'import');

/** The year the data has that is closest to `year` (the earlier one on a tie), with a notice when it differs. */
export function nearestYear(year: number, years: readonly number[]): { year: number; notice: string | null } {
	if (!years.length || years.includes(year)) return { year, notice: null };
	const near = years.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
	return { year: near, notice: `Année ${year} absente des données (années ${years.join(', ')}) : année ${near} affichée.` };
}

/** Said when a shared link was made on other data than the page has now. */
export function originNotice(linked: string | null, current: DataOrigin): string | null {
	if (!linked || linked === current) return null;
	return linked === 'defaut'
		? 'Ce lien a été fait sur les données par défaut ; vous êtes sur vos fichiers importés : les chiffres peuvent différer.'
		: 'Ce lien a été fait sur des fichiers importés ; vous êtes sur les données par défaut : les chiffres diffèrent.';
}

/** A year from the query (`annee`), or null when absent or not a year. */
export function yearParam(q: URLSearchParams, key = 'annee'): number | null {
	const v = q.get(key);
	return v !== null && /^\d{4}$/.test(v) ? Number(v) : null;
}

/**
 * Group and year of a territory page's link (`groupe`, `annee`, `donnees`), read against the data: what to show
 * and the notices to say. `groups`: codes of the groups the page offers ('' is « no group »).
 */
export function territoryLink(q: URLSearchParams, ctx: { years: readonly number[]; groups: readonly string[]; synthetic: boolean }): { year?: number; groupCode?: string; notices: string[] } {
	const out: { year?: number; groupCode?: string; notices: string[] } = { notices: [] };
	const asked = yearParam(q);
	if (asked !== null) {
		const near = nearestYear(asked, ctx.years);
		out.year = near.year;
		if (near.notice) out.notices.push(near.notice);
	}
	const g = q.get('groupe');
	if (g !== null) {
		if (g === '' || ctx.groups.includes(g)) out.groupCode = g;
		else out.notices.push(`Groupe « ${g} » inconnu dans ce département : groupe par défaut affiché.`);
	}
	const other = originNotice(q.get('donnees'), originOf(ctx.synthetic));
	if (other) out.notices.push(other);
	return out;
}
