/**
 * CSV writer for the generated files and CLI outputs: comma separator, header line, '.' decimal, booleans
 * true/false, null → empty cell, RFC 4180 quoting when a cell needs it. Money columns (income_, benefit_,
 * charge_, amount_) are rounded to the cent; other decimals keep at most six digits.
 */
const MONEY = /^(income|benefit|charge|amount)_/;

/** 1234.5 → "1234.5", 12.3456 → "12.35": integer arithmetic, much faster than float printing. */
function centsText(value: number): string {
	const c = Math.round(Math.abs(value) * 100);
	if (c === 0) return '0';
	const sign = value < 0 ? '-' : '';
	const whole = Math.floor(c / 100);
	const frac = c % 100;
	if (frac === 0) return sign + whole;
	if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
	return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

function cell(value: unknown, money: boolean): string {
	if (value == null) return '';
	if (typeof value === 'number') {
		if (value === 0) return '0';
		if (!Number.isFinite(value)) return '';
		if (Number.isInteger(value)) return String(value);
		if (money) return centsText(value);
		const r = Number(value.toFixed(6));
		return String(r === 0 ? 0 : r);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const s = String(value);
	return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines of the file, one chunk per `chunkRows` rows: lets a caller stream very large outputs. */
export function* csvChunks(columns: readonly string[], rows: readonly object[], chunkRows = 10000): Generator<string> {
	const money = columns.map((c) => MONEY.test(c));
	yield columns.map((c) => cell(c, false)).join(',') + '\n';
	let buf: string[] = [];
	const cells: string[] = new Array(columns.length);
	for (const row of rows) {
		const r = row as Record<string, unknown>;
		for (let j = 0; j < columns.length; j++) cells[j] = cell(r[columns[j]], money[j]);
		buf.push(cells.join(','));
		if (buf.length >= chunkRows) {
			yield buf.join('\n') + '\n';
			buf = [];
		}
	}
	if (buf.length) yield buf.join('\n') + '\n';
}

export function toCsv(columns: readonly string[], rows: readonly object[]): string {
	return [...csvChunks(columns, rows)].join('');
}
