/**
 * Issue 21, broken files: each damage a user's file may carry gets its own reject, on its own line, and every
 * other line loads; read = loaded + rejected counts the physical data lines. Expected counts are worked from the
 * 14 data lines of tests/fixtures/households-small.csv and the one damage each file carries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { literal, type Connector } from '#lib/db/connector.ts';
import { HOUSEHOLDS } from '#lib/data/schema.ts';
import { importFile } from '#lib/data/ingest/import.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { FORBIDDEN, WHOLE_LINE } from '#lib/data/validate.ts';
import { xlsxBomb } from '../../scripts/xlsx-bomb.ts';
import { tableParquet, tableXlsx, type Cell } from '#lib/data/export.ts';

const [HEAD, ...ROWS] = readFileSync('tests/fixtures/households-small.csv', 'utf8').trimEnd().split('\n');
/** The fixture with line `line` (header = 1) replaced. */
const withLine = (line: number, text: string, rows = ROWS) => [HEAD, ...rows.map((r, k) => (k + 2 === line ? text : r))].join('\n') + '\n';
const ids = async () => (await db.query<{ id: string }>('SELECT household_id AS id FROM households ORDER BY rowid')).map((r) => r.id);

let db: Connector;
const dir = mkdtempSync(join(tmpdir(), 'vigie-broken-'));
beforeAll(async () => {
	db = await createNodeConnector();
});
afterAll(async () => {
	await db.close();
	rmSync(dir, { recursive: true });
});

const load = async (text: string | Uint8Array, name = 'f.csv') => (await importFile(db, HOUSEHOLDS, { name, data: text })).report;

describe('one damaged line, rejected alone', () => {
	it('a NUL byte in a value: « caractère interdit », never an SQL error', async () => {
		const r = await load(withLine(4, ROWS[2].replace('single', 'sin\0gle')));
		expect([r.read, r.loaded, r.rejected, r.fatal]).toEqual([14, 13, 1, undefined]);
		expect(r.errors).toEqual([{ line: 4, column: 'family_type', value: 'sin\0gle', reason: FORBIDDEN }]);
	});
	it('a control character in an identifier', async () => {
		const r = await load(withLine(3, ROWS[1].replace('a2', 'a\u00012')));
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 13, 1]);
		expect(r.errors[0]).toMatchObject({ line: 3, column: 'household_id', reason: FORBIDDEN });
		expect(await ids()).not.toContain('a2');
	});
	it('an unterminated quote on line 5: that line rejected, reading resumes on line 6', async () => {
		const r = await load(withLine(5, ROWS[3].replace('employed', '"employed')));
		// 14 lines: the 13 others load (a5 … b2 included), line 5 alone is rejected.
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 13, 1]);
		expect(r.errors).toEqual([{ line: 5, column: WHOLE_LINE, value: 'a4,2021,93061,10,1,0,single,35,"employed,private_rent,1,1300,0,0', reason: 'guillemet non fermé' }]);
		expect(await ids()).toEqual(['a1', 'a2', 'a3', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10', 'a11', 'a12', 'b1', 'b2']);
	});
	it('a quote that closes three lines later, into a record of the wrong width: the same', async () => {
		const rows = [...ROWS];
		rows[3] = rows[3].replace('employed', '"employed');
		rows[6] = rows[6].replace('social_rent', 'social"_rent');
		const r = await load([HEAD, ...rows].join('\n') + '\n');
		// Line 5 opens, line 8's quote (mid-field: a plain character) would close it: line 5 is rejected, reading
		// resumes on line 6; lines 6 and 7 load, line 8 is read as written (its tenure is then no known value).
		expect(r.errors.map((e) => [e.line, e.column, e.reason.split(' (')[0]])).toEqual([
			[5, WHOLE_LINE, 'guillemet non fermé'],
			[8, 'tenure', 'valeur inconnue']
		]);
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 12, 2]);
	});
	it('a short and a long row: « N colonnes au lieu de 14 »', async () => {
		const short = ROWS[4].split(',').slice(0, 7).join(',');
		const r = await load(withLine(6, short, withLineRows(9, ROWS[7] + ',x,y,z')));
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
			[6, WHOLE_LINE, '7 colonnes au lieu de 14'],
			[9, WHOLE_LINE, '17 colonnes au lieu de 14']
		]);
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 12, 2]);
	});
	it('trailing empty fields are no damage (« a;b;; »)', async () => {
		const r = await load(withLine(6, ROWS[4] + ',,'));
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 14, 0]);
	});
	it('numbers outside plausible ranges: 1e308, NaN, Infinity, over 10 million €', async () => {
		const set = (row: string, v: string) => row.split(',').map((c, k) => (k === 11 ? v : c)).join(',');
		const rows = [...ROWS];
		rows[0] = set(rows[0], '1e308');
		rows[1] = set(rows[1], 'NaN');
		rows[2] = set(rows[2], 'Infinity');
		rows[3] = set(rows[3], '10000001');
		rows[4] = set(rows[4], '10000000');
		const r = await load([HEAD, ...rows].join('\n') + '\n');
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
			[2, 'income_work', 'supérieur au maximum (10\u202f000\u202f000)'],
			[3, 'income_work', 'nombre attendu'],
			[4, 'income_work', 'nombre attendu'],
			[5, 'income_work', 'supérieur au maximum (10\u202f000\u202f000)']
		]);
		// 10 000 000 € exactly is within the range.
		expect(r.loaded).toBe(10);
	});
	it('the same damages in a French Excel CSV (semicolons, Windows-1252)', async () => {
		const french = withLine(5, ROWS[3].replace('employed', '"employed')).replaceAll(',', ';').replace('a1;', 'é1;');
		const bytes = Uint8Array.from([...french].map((c) => (c === 'é' ? 0xe9 : c.charCodeAt(0))));
		const r = await load(bytes, 'excel.csv');
		expect(r.encoding).toBe('windows-1252');
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 13, 1]);
		expect(r.errors[0]).toMatchObject({ line: 5, reason: 'guillemet non fermé' });
		expect(await ids()).toContain('é1');
	});
	it('through a --data folder (the pre-step in memory) the same', async () => {
		const d = join(dir, 'damaged');
		const { mkdirSync } = await import('node:fs');
		mkdirSync(d);
		writeFileSync(join(d, 'households.csv'), withLine(5, ROWS[3].replace('employed', '"employed'), withLineRows(9, ROWS[7].split(',').slice(0, 3).join(','))));
		const r = (await loadFolder(db, d)).households;
		expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
			[5, 'guillemet non fermé'],
			[9, '3 colonnes au lieu de 14']
		]);
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 12, 2]);
	});
});

/** ROWS with data line `line` replaced (for two damages in one file). */
function withLineRows(line: number, text: string): string[] {
	return ROWS.map((r, k) => (k + 2 === line ? text : r));
}

describe('the same damages in a workbook and in Parquet', () => {
	// The fixture as typed cells, with a NUL in line 3's family type and 1e308 as line 6's income.
	const table = () => {
		const columns = HEAD.split(',');
		const rows: Cell[][] = ROWS.map((r) => r.split(',').map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
		rows[1][columns.indexOf('family_type')] = 'sin\0gle';
		rows[4][columns.indexOf('income_work')] = 1e308;
		return { columns, rows };
	};
	const expected = [
		[3, 'family_type', FORBIDDEN],
		[6, 'income_work', 'supérieur au maximum (10\u202f000\u202f000)']
	];
	it('XLSX: the implausible income rejected, the 13 others loaded (XML holds no control character: the writer drops the NUL)', async () => {
		const data = new Uint8Array(await (await tableXlsx(table())).arrayBuffer());
		const r = await load(data, 'abime.xlsx');
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual(expected.slice(1));
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 13, 1]);
	});
	it('Parquet: the same', async () => {
		const r = await load(await tableParquet(table()), 'abime.parquet');
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual(expected);
		expect([r.read, r.loaded, r.rejected]).toEqual([14, 12, 2]);
	});
});

describe('SQL literals from files', () => {
	it('quotes, backslashes, NUL and Unicode come back from DuckDB as written', async () => {
		for (const v of ["l'Haÿ-les-Roses", 'a\\b\\\\', 'x\0y', 'Œ’€ 😀', "'; DROP TABLE households; --"]) {
			const [r] = await db.query<{ v: string }>(`SELECT ${literal(v)} AS v`);
			expect(r.v).toBe(v);
		}
	});
});

describe('one --data folder', () => {
	it('a household in two files: the second rejected, naming the first file and line', async () => {
		const d = join(dir, 'twice');
		const { mkdirSync } = await import('node:fs');
		mkdirSync(d);
		// households_b.csv loads first (newest name first): its a5 is on its line 2.
		writeFileSync(join(d, 'households_a.csv'), [HEAD, ...ROWS.slice(0, 6)].join('\n') + '\n');
		writeFileSync(join(d, 'households_b.csv'), [HEAD, ...ROWS.slice(4, 10)].join('\n') + '\n');
		const report = await loadFolder(db, d);
		// b: a5 … a10 (6 rows) loaded; a: a1 … a6, of which a5 and a6 were seen in b.
		const a = report.files.find((f) => f.file === 'households_a.csv')!;
		expect([a.read, a.loaded, a.rejected]).toEqual([6, 4, 2]);
		expect(a.errors).toEqual([
			{ line: 6, column: 'household_id', value: 'a5', reason: 'identifiant en double (première occurrence : households_b.csv, ligne 2)' },
			{ line: 7, column: 'household_id', value: 'a6', reason: 'identifiant en double (première occurrence : households_b.csv, ligne 3)' }
		]);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM households');
		expect(n).toBe(10);
	});
});

describe('compressed files judged by their declared sizes', () => {
	it('an XLSX of 730 KB inflating to 300 MB is refused in one line, before it is read', async () => {
		const bomb = new Uint8Array(xlsxBomb());
		expect(bomb.length).toBeLessThan(1_000_000);
		const r = await load(bomb, 'bombe.xlsx');
		expect(r.fatal).toBe(
			'bombe.xlsx : classeur Excel de 730 Ko qui se décompresse en 300 Mo (411 fois sa taille ; limites : 400 Mo, 50 fois) ; enregistrez la feuille en CSV (« CSV UTF-8 ») et importez le CSV (fichier refusé en entier)'
		);
	});
	it('the same workbook, small, is read (the check does not refuse a real workbook)', async () => {
		const r = await load(new Uint8Array(xlsxBomb(1000)), 'petit.xlsx');
		// One row « a1 » under one header: the required columns are missing, which is read, not refused for its size.
		expect(r.fatal).toMatch(/colonne obligatoire absente/);
	});
});
