/** French number formats for everything a person reads (1 234,5 €, 23,4 %). */
const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const SECRET_LABEL = 'secret';

export function formatValue(value: number | null, unit: string, suppressed = false): string {
	if (suppressed) return SECRET_LABEL;
	if (value === null || !Number.isFinite(value)) return '–';
	switch (unit) {
		case '%':
			return `${one.format(value)} %`;
		case '€/an':
			return `${int.format(value)} €`;
		case 'ratio':
			return one.format(value);
		default:
			return int.format(value);
	}
}
