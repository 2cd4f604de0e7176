/**
 * Property (seeded, no extra library): random valid datasets exported (French CSV, standard CSV, Parquet, XLSX)
 * then imported give back the same rows; the streaming pre-step gives the same result whatever its chunk size,
 * and DuckDB's own reader (fast path) the same as the streaming path. Plus the import options: a chosen
 * mapping, the size limit, cancel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { AID_REQUESTS, HOUSEHOLDS, type Column, type Contract } from '#lib/data/schema.ts';
import { importBlob, importFile, SIZE_LIMITS } from '#lib/data/ingest/import.ts';
import { ImportCancelled, pickRecords, sniffCsv, transcode } from '#lib/data/ingest/stream.ts';
import { csvCell, tableCsv, tableParquet, tableXlsx, type Cell, type ExportTable } from '#lib/data/export.ts';
import { createRng } from '#lib/synth/random.ts';

let db: Connector;
beforeAll(async () => {
	db = await createNodeConnector();
});


const TEXTS = ['Hélène', 'Noël « test »', 'a;b', 'dit "x"', 'Œuvre, Zoé', '=SOMME(A1)', '+33', '@x', '-'];

/** A random value meeting the column's contract (text columns take traps: separators, quotes, accents, formulas). */
function value(col: Column, r: () => number, row: number): Cell {
	if (!col.required && r() < 0.2) return null;
	const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
	switch (col.type) {
		case 'int':
			return int(col.min ?? 0, Math.min(col.max ?? 5000, (col.min ?? 0) + 40));
		case 'double':
			return (col.min ?? 0) + Math.round(r() * ((col.max ?? 3000) - (col.min ?? 0)) * 100) / 100;
		case 'bool':
			return r() < 0.5;
		case 'enum':
			return col.values![int(0, col.values!.length - 1)];
		case 'date':
			return `202${int(0, 3)}-0${int(1, 9)}-1${int(0, 9)}`;
		default:
			if (col.name === 'commune') return ['93061', '01001', '2A004', '75056'][int(0, 3)];
			if (col.length) return String(930010000 + int(0, 9999)).slice(0, col.length);
			if (col.name === 'household_id' || col.name === 'request_id') return `${TEXTS[int(0, TEXTS.length - 1)]}-${row}`;
			return TEXTS[int(0, TEXTS.length - 1)];
	}
}

function dataset(contract: Contract, seed: number, n: number): ExportTable {
	const r = createRng(seed).next;
	const rows = Array.from({ length: n }, (_, k) => {
		const row = contract.columns.map((c) => value(c, r, k));
		if (contract.kind === 'aid_requests') row[contract.columns.findIndex((c) => c.name === 'date_decision')] = null;
		return row;
	});
	return { columns: contract.columns.map((c) => c.name), rows };
}

/** The typed table as the export gives it back, with each column's default where the dataset had none. */
async function tableRows(contract: Contract): Promise<Cell[][]> {
	const select = contract.columns.map((c) => (c.type === 'date' ? `strftime("${c.name}", '%Y-%m-%d')` : `"${c.name}"`)).join(', ');
	const rows = await db.query<Record<string, Cell>>(`SELECT ${select} FROM ${contract.kind} ORDER BY "${contract.key[0]}"`);
	return rows.map((x) => Object.values(x));
}

const expected = (contract: Contract, t: ExportTable) =>
	t.rows
		.map((r) => r.map((v, j) => (v === null ? (contract.columns[j].default ?? null) : v)))
		.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));

describe('export then import returns the same rows', () => {
	for (const contract of [HOUSEHOLDS, AID_REQUESTS]) {
		it(`${contract.kind}: French CSV, standard CSV, Parquet and XLSX, for random datasets`, async () => {
			for (let seed = 1; seed <= 3; seed++) {
				const t = dataset(contract, seed * 7 + contract.columns.length, 40);
				const want = expected(contract, t);
				const files: Array<[string, Uint8Array | string]> = [
					['fr.csv', tableCsv(t)],
					['std.csv', tableCsv(t, { french: false, bom: false })],
					['t.parquet', await tableParquet(t)],
					['t.xlsx', new Uint8Array(await (await tableXlsx(t)).arrayBuffer())]
				];
				for (const [name, data] of files) {
					const { report: r } = await importFile(db, contract, { name, data });
					// A CSV cell that a spreadsheet would run as a formula comes back with its leading quote (Parquet and
					// XLSX store text as text: nothing to neutralise).
					const formula = /^[=+@]|^-(?!\d+([.,]\d+)?$)/;
					const neutral = name.endsWith('.csv') ? want.map((row) => row.map((v) => (typeof v === 'string' && formula.test(v) ? `'${v}` : v))) : want;
					expect([r.read, r.loaded, r.rejected, r.fatal], `${name} seed ${seed}`).toEqual([40, 40, 0, undefined]);
					expect(await tableRows(contract), `${name} seed ${seed}`).toEqual(neutral);
				}
			}
		});
	}

	it('neutralises formulas in every text cell but keeps negative numbers; secret stays secret', () => {
		expect(['=1+1', '+33 1', '-x', '@A1', '-12,5', 'secret', 'a;b'].map((v) => csvCell(v))).toEqual(["'=1+1", "'+33 1", "'-x", "'@A1", '-12,5', 'secret', '"a;b"']);
		expect(csvCell(-12.5)).toBe('-12,5');
		expect(csvCell(1234.5, ',', false)).toBe('1234.5');
		const csv = tableCsv({ columns: ['commune', 'valeur'], rows: [['93061', 'secret'], ['93066', 12.5]] });
		expect(csv).toBe('\ufeffcommune;valeur\r\n93061;secret\r\n93066;12,5\r\n');
	});
});

describe('streaming pre-step', () => {
	const t = dataset(HOUSEHOLDS, 99, 300);
	const text = tableCsv(t);
	it('gives the same clean CSV and records whatever the chunk size (cuts inside quoted fields and multi-byte characters)', async () => {
		const blob = new Blob([text]);
		const whole = await transcode(HOUSEHOLDS, blob, { keepAll: true });
		for (const chunkBytes of [7, 64, 1000]) {
			const part = await transcode(HOUSEHOLDS, blob, { keepAll: true, chunkBytes });
			expect(await part.csv!.text()).toBe(await whole.csv!.text());
			expect(part.ingested.records).toEqual(whole.ingested.records);
			expect(part.rows).toBe(300);
		}
	});

	it('DuckDB’s own reader (fast path) and the streaming path load the same rows and the same rejects', async () => {
		const std = tableCsv({ columns: t.columns, rows: t.rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/[";,=+@\n]/g, '') : v))) }, { french: false, bom: false });
		const broken = std.replace(/\n([^,\n]*),2\d{3},/, '\n$1,1999,');
		const blob = new Blob([broken]);
		expect((await sniffCsv(HOUSEHOLDS, blob)).direct).toBe(true);
		const fast = await importBlob(db, HOUSEHOLDS, { name: 'a.csv', blob });
		expect(fast.reader).toBe('duckdb');
		const rowsFast = await tableRows(HOUSEHOLDS);
		expect([fast.report.read, fast.report.loaded, fast.report.rejected]).toEqual([300, 299, 1]);
		expect(fast.report.errors[0].reason).toBe('inférieur au minimum (2000)');
		expect(fast.ingested.records).toHaveLength(1);
		// Quoted values stay with DuckDB: the same lines, rows and rejects.
		const lines = broken.split('\n');
		const quote = (k: number, text = (id: string) => id) => (lines[k] = lines[k].replace(/^([^,]+),/, (_, id: string) => `"${text(id)}",`));
		quote(1);
		quote(5);
		const quoted = await importBlob(db, HOUSEHOLDS, { name: 'a.csv', blob: new Blob([lines.join('\n')]) });
		expect(quoted.reader).toBe('duckdb');
		expect(quoted.report.errors).toEqual(fast.report.errors);
		expect(await tableRows(HOUSEHOLDS)).toEqual(rowsFast);
		// A quoted line break (line 8 → 9) makes DuckDB's records fewer than the lines: the streaming path reads
		// it, every record on its first line.
		quote(7, (id) => `${id}\nsuite`);
		const slow = await importBlob(db, HOUSEHOLDS, { name: 'a.csv', blob: new Blob([lines.join('\n')]) });
		expect(slow.reader).toBe('pre-step');
		expect(slow.report.errors).toEqual(fast.report.errors);
		expect([slow.report.read, slow.report.loaded, slow.report.rejected]).toEqual([300, 299, 1]);
		expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM households WHERE household_id LIKE '%suite'`))[0].n).toBe(1);
	});
});

describe('rejected lines of a file DuckDB read', () => {
	it('are picked out whole, decoded and split as the pre-step would, whatever the chunk size', async () => {
		const text = 'id;commune;note\r\nA1;93061;élève\r\nA2;93066;"a;b ""c"""\r\nA3;93001;€uro œuvre\r\nA4;2A004;dernière';
		const cp1252: Record<string, number> = { '€': 0x80, œ: 0x9c, é: 0xe9, è: 0xe8 };
		const bytes = Uint8Array.from([...text].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
		for (const chunkBytes of [3, 7, 4096]) {
			const picked = await pickRecords(new Blob([bytes]), new Set([3, 4, 5]), { encoding: 'windows-1252', separator: ';' }, { chunkBytes });
			expect(picked).toEqual({
				lines: [3, 4, 5],
				records: [
					['A2', '93066', 'a;b "c"'],
					['A3', '93001', '€uro œuvre'],
					['A4', '2A004', 'dernière']
				]
			});
		}
	});
});

describe('Windows-1252 letters DuckDB’s latin-1 reader refuses (€, Œ, ’)', () => {
	const cp1252: Record<string, number> = { '€': 0x80, '’': 0x92, Œ: 0x8c, é: 0xe9 };
	const encode = (text: string) => Uint8Array.from([...text].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
	const head = 'identifiant;annee;commune;nb_adultes;nb_enfants;type_menage;age;activite;logement;note';
	const row = (i: number, note = 'rien') => `M${i};2023;93061;1;0;Personne seule;${i === 7 ? 'abc' : '40'};salarié;HLM;${note}`;

	it('are rewritten in UTF-8 first, found in the sample or past it: DuckDB still reads, text and rejects intact', async () => {
		// In the sample: a Windows-1252 file written by French Excel, with €, ’ and Œ in an id and an ignored column.
		const near = [head, row(1, 'loyer 450 € l’été'), 'MŒ-2;2023;93061;1;0;Personne seule;40;salarié;HLM;x', ...[3, 4, 5, 6, 7].map((i) => row(i))];
		// Past the 64 KB sample: 3 000 plain lines, then the letters.
		const far = [head, ...Array.from({ length: 3000 }, (_, i) => row(i + 10)), 'MŒ-2;2023;93061;1;0;Personne seule;40;salarié;HLM;l’€', row(7)];
		for (const [lines, bad] of [[near, 8], [far, 3003]] as const) {
			const r = await importBlob(db, HOUSEHOLDS, { name: 'w.csv', blob: new Blob([encode(lines.join('\r\n') + '\r\n')]) });
			expect(r.reader).toBe('duckdb');
			expect([r.report.encoding, r.report.read - r.report.loaded, r.report.rejected]).toEqual(['windows-1252', 1, 1]);
			expect(r.report.errors).toEqual([{ line: bad, column: 'age_ref', value: 'abc', reason: 'nombre entier attendu' }]);
			expect(r.ingested.records).toEqual([['M7', '2023', '93061', '1', '0', 'Personne seule', 'abc', 'salarié', 'HLM', 'rien']]);
			expect(await db.query(`SELECT household_id, family_type, tenure FROM households WHERE household_id LIKE 'M%-2'`)).toEqual([
				{ household_id: 'MŒ-2', family_type: 'single', tenure: 'social_rent' }
			]);
		}
	});
});

describe('import options', () => {
	const csv = 'id;annee;code;adultes;enfants;composition;age;activite;logement;autre\nM1;2023;93061;2;1;couple avec enfants;40;salarié;HLM;x\n';
	it('a chosen mapping replaces the automatic one; a column chosen twice refuses the file', async () => {
		const auto = await importFile(db, HOUSEHOLDS, { name: 'a.csv', data: csv });
		expect(auto.report.fatal).toMatch(/colonne obligatoire absente/);
		const mapping = ['household_id', 'year', 'commune', 'persons_14_plus', 'persons_under_14', 'family_type', 'age_ref', 'activity_ref', 'tenure', null];
		const chosen = await importFile(db, HOUSEHOLDS, { name: 'a.csv', data: csv }, 'households', { mapping });
		expect([chosen.report.read, chosen.report.loaded, chosen.report.fatal]).toEqual([1, 1, undefined]);
		expect(await db.query('SELECT household_id, persons_14_plus, family_type, tenure, charge_rent FROM households')).toEqual([
			{ household_id: 'M1', persons_14_plus: 2, family_type: 'couple_children', tenure: 'social_rent', charge_rent: 0 }
		]);
		const twice = await importFile(db, HOUSEHOLDS, { name: 'a.csv', data: csv }, 'households', { mapping: mapping.map((m) => m ?? 'tenure') });
		expect(twice.report.fatal).toBe('a.csv : la colonne tenure est choisie pour deux en-têtes : « logement » et « autre » (fichier refusé en entier)');
	});

	it('a file over the size limit is refused up front with a French message', async () => {
		const big = { size: SIZE_LIMITS.csv + 1, slice: () => new Blob(['household_id']) } as unknown as Blob;
		const { report } = await importBlob(db, HOUSEHOLDS, { name: 'enorme.csv', blob: big });
		expect(report.fatal).toBe(
			'enorme.csv : fichier trop volumineux pour le navigateur : 500 Mo, limite 500 Mo pour un fichier CSV ; découpez-le (par exemple par année) ou utilisez la commande vigie validate (fichier refusé en entier)'
		);
		expect([report.read, report.loaded, report.rejected]).toEqual([0, 0, 0]);
	});

	it('cancel stops the read between chunks', async () => {
		const ac = new AbortController();
		const blob = new Blob([csv.replace(';', ';').repeat(1).padEnd(200_000, '\n')]);
		const run = transcode(HOUSEHOLDS, blob, { chunkBytes: 1000, signal: ac.signal, onProgress: (p) => p.bytes > 5000 && ac.abort() });
		await expect(run).rejects.toBeInstanceOf(ImportCancelled);
	});
});
