/** French number formats for everything a person reads (1 234,5 €, 23,4 %), one case per catalogue unit. */
const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const SECRET_LABEL = 'secret';

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
