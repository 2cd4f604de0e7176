/**
 * INSEE Filosofi files read exactly as INSEE publishes them (domain.md §3.3): `;` separator, decimal
 * comma, `s` = secret, `nd` = not available, `ns` = not significant and `so` = sans objet (IRIS DEC file). A secret or missing
 * cell stays null with its status: no value is ever invented.
 */
export type CellStatus = 'ok' | 'secret' | 'not_available' | 'not_significant' | 'not_applicable';

export interface FilosofiCell {
	value: number | null;
	status: CellStatus;
}

export interface FilosofiTable {
	/** Column names as published (e.g. MED21, TP6021). */
	columns: string[];
	/** First column (CODGEO or IRIS) → row of cells by column name. */
	rows: Map<string, Record<string, FilosofiCell>>;
	/** Four-digit year read from the header (MED21 → 2021). */
	year: number | null;
}

export function parseFilosofiCell(raw: string): FilosofiCell {
	const t = raw.trim().replace(/^"|"$/g, '');
	if (t === 's') return { value: null, status: 'secret' };
	if (t === 'ns') return { value: null, status: 'not_significant' };
	if (t === 'so') return { value: null, status: 'not_applicable' };
	if (t === '' || t === 'nd') return { value: null, status: 'not_available' };
	const n = Number(t.replace(/\s/g, '').replace(',', '.'));
	if (!Number.isFinite(n)) throw new Error(`valeur Filosofi illisible : « ${raw} »`);
	return { value: n, status: 'ok' };
}

export function parseFilosofi(text: string): FilosofiTable {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const columns = lines[0].split(';').map((c) => c.trim().replace(/^"|"$/g, ''));
	const rows = new Map<string, Record<string, FilosofiCell>>();
	for (let i = 1; i < lines.length; i++) {
		if (!lines[i].trim()) continue;
		const cells = lines[i].split(';');
		if (cells.length !== columns.length)
			throw new Error(`ligne ${i + 1} : ${cells.length} colonnes au lieu de ${columns.length}`);
		const row: Record<string, FilosofiCell> = {};
		for (let j = 1; j < columns.length; j++) row[columns[j]] = parseFilosofiCell(cells[j]);
		rows.set(cells[0].trim().replace(/^"|"$/g, ''), row);
	}
	const m = columns.join(' ').match(/MED(\d\d)\b/);
	return { columns, rows, year: m ? 2000 + Number(m[1]) : null };
}

/** The six figures that the generator is calibrated on (domain.md §10.1), for one commune of a base-cc file. */
export interface CommuneTargets {
	code: string;
	households: number;
	persons: number;
	median: number;
	d1: number | null;
	d9: number | null;
	/** Poverty rate at 60 %, percent, or null when secret. */
	poverty_rate: number | null;
}

export function communeTargets(table: FilosofiTable, code: string): CommuneTargets | null {
	const r = table.rows.get(code);
	if (!r) return null;
	const yy = String((table.year ?? 2021) % 100).padStart(2, '0');
	const v = (c: string) => r[c + yy]?.value ?? null;
	const households = v('NBMENFISC');
	const persons = v('NBPERSMENFISC');
	const median = v('MED');
	if (households == null || persons == null || median == null) return null;
	return { code, households, persons, median, d1: v('D1'), d9: v('D9'), poverty_rate: v('TP60') };
}
