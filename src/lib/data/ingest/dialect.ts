/**
 * CSV dialect as French tools write it: separator detected among `;`, `,` and tab (the one splitting the
 * header into the most fields, outside quotes), RFC 4180 quoting (a quoted field may hold the separator,
 * doubled quotes and line breaks), CRLF or LF, blank lines skipped (an empty trailing line is no row).
 * Every record keeps the physical line where it starts (the header is line 1), so a report names the line
 * the user sees in a text editor even after a quoted line break.
 */
export type Separator = ';' | ',' | '\t';

export interface Parsed {
	separator: Separator;
	header: string[];
	records: string[][];
	/** Physical line (1-based) where each record starts. */
	lines: number[];
	/** Records that cannot be read as written, by index in `records`: the reason (« guillemet non fermé »). */
	broken?: Map<number, string>;
}

/** Reason of a line whose opening quote never closes (or closes lines later into a record of the wrong width). */
export const UNCLOSED_QUOTE = 'guillemet non fermé';

const SEPARATORS: Separator[] = [';', ',', '\t'];

/** Counts each candidate separator on the first line, outside quotes. */
export function detectSeparator(text: string): Separator {
	const counts = new Map<Separator, number>(SEPARATORS.map((s) => [s, 0]));
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && counts.has(ch as Separator)) counts.set(ch as Separator, counts.get(ch as Separator)! + 1);
	}
	let best: Separator = ',';
	for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
	return best;
}

export function parseCsv(text: string, separator: Separator = detectSeparator(text)): Parsed {
	const { rows, lines, broken } = parseRows(text, separator, 1, { header: true });
	const [header = [], ...records] = rows;
	lines.shift();
	// Indices shift with the header.
	const shifted = new Map([...broken].map(([k, reason]) => [k - 1, reason]));
	return { separator, header: header.map((h) => h.trim()), records, lines, broken: shifted };
}

/**
 * `width`: fields a record has (the header's); `header`: the first record is the header and gives it. A quoted
 * field that runs to the end of the text, or over several lines into a record of another width, is an opening
 * quote never closed: its line alone is the record, marked « guillemet non fermé » (its fields cut at the
 * separators), and reading resumes on the next line, so that no line vanishes into one field.
 */
export interface RowsOptions {
	width?: number;
	header?: boolean;
}

/**
 * The records of `text` (whole records only: the streaming reader cuts its chunks after a line break outside
 * quotes), the first starting on physical line `firstLine`; `nextLine` is the line after the last one.
 */
export function parseRows(
	text: string,
	separator: Separator,
	firstLine: number,
	opts: RowsOptions = {}
): { rows: string[][]; lines: number[]; nextLine: number; broken: Map<number, string> } {
	const rows: string[][] = [];
	const lines: number[] = [];
	const broken = new Map<number, string>();
	let width = opts.header ? undefined : opts.width;
	const SEP = separator.charCodeAt(0);
	const QUOTE = 34;
	const LF = 10;
	const CR = 13;
	const n = text.length;
	let i = 0;
	let line = firstLine;
	while (i < n) {
		// One record, starting on physical line `start` at `from`.
		const start = line;
		const from = i;
		const row: string[] = [];
		let blank = true;
		let unclosed = false;
		for (;;) {
			let field: string;
			let j = i;
			while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) && text.charCodeAt(j) !== SEP) j++;
			if (j < n && text.charCodeAt(j) === QUOTE) {
				// Quoted field: doubled quotes, separators and line breaks inside.
				let k = j + 1;
				let value = '';
				for (;;) {
					const q = text.indexOf('"', k);
					if (q < 0) {
						value += text.slice(k);
						k = n;
						unclosed = true;
						break;
					}
					value += text.slice(k, q);
					if (text.charCodeAt(q + 1) === QUOTE) {
						value += '"';
						k = q + 2;
					} else {
						k = q + 1;
						break;
					}
				}
				for (let m = value.indexOf('\n'); m >= 0; m = value.indexOf('\n', m + 1)) line++;
				if (!value.includes('\n')) for (let m = value.indexOf('\r'); m >= 0; m = value.indexOf('\r', m + 1)) line++;
				// Anything after the closing quote up to the separator is kept (lenient).
				let e = k;
				while (e < n) {
					const c = text.charCodeAt(e);
					if (c === SEP || c === LF || c === CR) break;
					e++;
				}
				field = value + text.slice(k, e);
				i = e;
			} else {
				let e = i;
				while (e < n) {
					const c = text.charCodeAt(e);
					if (c === SEP || c === LF || c === CR) break;
					e++;
				}
				field = text.slice(i, e);
				i = e;
			}
			row.push(field);
			if (blank && field.trim() !== '') blank = false;
			if (i < n && text.charCodeAt(i) === SEP) {
				i++;
				continue;
			}
			// End of line or of text.
			if (i < n && text.charCodeAt(i) === CR) i++;
			if (i < n && text.charCodeAt(i) === LF) i++;
			line++;
			break;
		}
		const spread = line - start > 1;
		if ((unclosed && spread) || (spread && width !== undefined && row.length !== width)) {
			// The start line alone, as written, then the next line.
			const nl = text.indexOf('\n', from);
			const end = nl < 0 ? n : nl;
			broken.set(rows.length, UNCLOSED_QUOTE);
			rows.push(text.slice(from, end).replace(/\r$/, '').split(separator));
			lines.push(start);
			i = end + 1;
			line = start + 1;
			continue;
		}
		if (unclosed) broken.set(rows.length, UNCLOSED_QUOTE);
		// A blank line, or one of separators only (Excel's empty rows « ;;;; »), is no record.
		if (!blank || unclosed) {
			if (width === undefined && opts.header) width = row.length;
			rows.push(row);
			lines.push(start);
		}
	}
	return { rows, lines, nextLine: line, broken };
}
