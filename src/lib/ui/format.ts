/** French number formats for everything a person reads (1 234,5 €, 23,4 %), one case per catalogue unit. */
const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const SECRET_LABEL = 'secret';
/** Beside a value shown on synthetic data that the secrecy rule would hide on real data. */
export const WOULD_BE_SECRET_NOTE = 'serait secret sur des données réelles : moins de 11 ménages';
/** The mark drawn beside such a value (pages, CSV exports), explained once per page by a legend with the note. */
export const WOULD_BE_SECRET_MARK = '◌';

export function formatValue(value: number | null, unit: string, suppressed = false): string {
	if (suppressed) return SECRET_LABEL;
	if (value === null || !Number.isFinite(value)) return '–';
	switch (unit) {
		case '%':
			return `${one.format(value)} %`;
		case '€/an':
		case '€':
			return `${int.format(value)} €`;
		case '€/jour':
		case '€/habitant':
			return `${two.format(value)} €`;
		case 'personnes par ménage':
			return two.format(value);
		case 'ratio':
		case 'pour 1 000 ménages':
			return one.format(value);
		default:
			return int.format(value);
	}
}

const upToTwo = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A plain figure with at most `digits` decimals (chart ticks, bin bounds): 1 234,5. */
export function formatNumber(value: number | null, digits = 2): string {
	if (value === null || !Number.isFinite(value)) return '–';
	return digits === 2 ? upToTwo.format(value) : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(value);
}

/** A calendar date as dd/mm/yyyy; accepts a Date or an ISO date (yyyy-mm-dd, read as a calendar day, not UTC midnight). */
export function formatDate(date: Date | string): string {
	const d = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
	if (d) return `${d[3]}/${d[2]}/${d[1]}`;
	if (typeof date === 'string') return date;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A month as French words: « janvier 2023 » from '2023-01' or a Date (read in UTC, as the data's months are). */
export function formatMonth(month: string | Date): string {
	const d = typeof month === 'string' ? new Date(`${month.slice(0, 7)}-01T00:00:00Z`) : month;
	return Number.isNaN(d.getTime()) ? String(month) : monthYear.format(d);
}

/** « 1 commune », « 39 communes »: French takes the singular for 0 and 1. */
export function formatCount(n: number, noun: string): string {
	return `${formatNumber(n, 0)} ${noun}${n >= 2 ? 's' : ''}`;
}
