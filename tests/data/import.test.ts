/**
 * Bring your own data (issue 4): one fixture per real-world trap of CSV files written by French tools, each
 * through the same pre-step and validation as the Données page and `vigie validate`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { AID_REQUESTS, HOUSEHOLDS, type Contract } from '#lib/data/schema.ts';
import { ingestCsv } from '#lib/data/ingest/index.ts';
import { importFile } from '#lib/data/ingest/import.ts';
import { MISSING } from '#lib/data/validate.ts';
import { decodeText } from '#lib/data/ingest/encoding.ts';
import { detectSeparator, parseCsv } from '#lib/data/ingest/dialect.ts';
import { excelCell, reasonCounts, rejectsCsv, templateCsv, templateXlsx } from '#lib/data/rejects.ts';
import writeXlsxFile from 'write-excel-file/universal';

let db: Connector;
beforeAll(async () => {
	db = await createNodeConnector();
});

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`);
const load = (name: string, contract: Contract = HOUSEHOLDS) => importFile(db, contract, { name, data: fixture(name) });
const errs = (r: { errors: Array<{ line: number; column: string; value: string | null; reason: string }> }) =>
	r.errors.map((e) => [e.line, e.column, e.value, e.reason]);
const ENUM_TENURE = 'valeur inconnue (attendu : social_rent, private_rent, owner, hosted, no_home)';

describe('encoding and dialect', () => {
	it('detects UTF-8 with and without BOM and Windows-1252', () => {
		expect(decodeText(new TextEncoder().encode('é')).encoding).toBe('utf-8');
		expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toEqual({ text: 'a', encoding: 'utf-8-bom' });
		expect(decodeText(Uint8Array.of(0x48, 0xe9, 0x6c, 0x8c))).toEqual({ text: 'HélŒ', encoding: 'windows-1252' });
	});

	it('detects ; , and tab, ignoring separators inside quotes', () => {
		expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
		expect(detectSeparator('a,b,c')).toBe(',');
		expect(detectSeparator('a\tb\tc')).toBe('\t');
		expect(detectSeparator('"a;b;c",d,e')).toBe(',');
	});

	it('keeps the physical line of records across quoted line breaks, CRLF and blank lines', () => {
		const p = parseCsv('a;b\r\n1;"x\r\ny"\r\n\r\n2;"z"\r\n;\r\n');
		expect(p.header).toEqual(['a', 'b']);
		expect(p.records).toEqual([
			['1', 'x\r\ny'],
			['2', 'z']
		]);
		expect(p.lines).toEqual([2, 5]);
	});
});

describe('one fixture per trap', () => {
	it('Windows-1252 with ; decimal comma, French headers and French values: accents survive', async () => {
		const { report: r } = await load('menages-windows-1252.csv');
		expect([r.read, r.loaded, r.rejected, r.encoding, r.separator]).toEqual([5, 4, 1, 'windows-1252', ';']);
		expect(errs(r)).toEqual([[6, 'tenure', 'squat', ENUM_TENURE]]);
		expect(r.warnings).toEqual([
			'colonnes inconnues ignorées : Commentaire',
			'1 ligne(s) avec un loyer supérieur à 5 000 € par mois (chargées, à vérifier)'
		]);
		expect(r.mapping!.slice(0, 3)).toEqual([
			{ header: 'identifiant', column: 'household_id' },
			{ header: 'annee', column: 'year' },
			{ header: 'commune', column: 'commune' }
		]);
		expect(r.mapping!.at(-1)).toEqual({ header: 'Commentaire', column: null });
		const rows = await db.query(
			'SELECT household_id, family_type, activity_ref, contract_ref, part_time_ref, tenure, charge_rent, income_work, benefit_activity FROM households ORDER BY age_ref'
		);
		expect(rows).toEqual([
			{ household_id: 'Élise-4', family_type: 'single', activity_ref: 'employed', contract_ref: 'temp_agency', part_time_ref: true, tenure: 'private_rent', charge_rent: 6200, income_work: 1400, benefit_activity: 0 },
			{ household_id: 'Hélène-1', family_type: 'single_parent', activity_ref: 'employed', contract_ref: 'fixed_term', part_time_ref: true, tenure: 'social_rent', charge_rent: 610, income_work: 1150.5, benefit_activity: 210.5 },
			{ household_id: 'Noël-3', family_type: 'single', activity_ref: 'unemployed', contract_ref: 'none', part_time_ref: false, tenure: 'hosted', charge_rent: 0, income_work: 0, benefit_activity: 0 },
			{ household_id: 'Zoé-2', family_type: 'couple', activity_ref: 'retired', contract_ref: 'none', part_time_ref: false, tenure: 'owner', charge_rent: 0, income_work: 0, benefit_activity: 0 }
		]);
	});

	it('UTF-8 with BOM: the first header is still recognised', async () => {
		const { report: r } = await load('menages-bom.csv');
		expect([r.read, r.loaded, r.rejected, r.encoding, r.warnings]).toEqual([3, 3, 0, 'utf-8-bom', []]);
		expect(r.mapping![0]).toEqual({ header: 'household_id', column: 'household_id' });
	});

	it('; with decimal comma and space (and no-break space) thousands separators', async () => {
		const { report: r } = await load('menages-virgule-decimale.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([4, 3, 1]);
		expect(errs(r)).toEqual([[5, 'income_work', '12 ab', 'nombre attendu']]);
		const rows = await db.query('SELECT household_id, weight, income_work, benefit_housing FROM households ORDER BY 1');
		expect(rows).toEqual([
			{ household_id: 't1', weight: 1.5, income_work: 2100.5, benefit_housing: 0 },
			{ household_id: 't2', weight: 1, income_work: 1234.56, benefit_housing: 12.3 },
			{ household_id: 't3', weight: 1, income_work: 1234.5, benefit_housing: 0 }
		]);
	});

	it('a quoted field with line breaks: lines stay the physical lines of the file', async () => {
		const { report: r } = await load('menages-saut-de-ligne.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([4, 2, 2]);
		expect(errs(r)).toEqual([
			[7, 'persons_14_plus', '0', 'inférieur au minimum (1)'],
			[8, 'household_id', 'q1', 'identifiant en double (première occurrence ligne 2)']
		]);
		expect(r.warnings).toEqual(['colonnes inconnues ignorées : commentaire']);
	});

	it('aid requests, tab separated: both date forms and French enum spellings', async () => {
		const { report: r } = await load('demandes-dates-tabulation.csv', AID_REQUESTS);
		expect([r.read, r.loaded, r.rejected, r.separator]).toEqual([5, 3, 2, '\t']);
		expect(errs(r)).toEqual([
			[5, 'date_request', '2024-03-32', 'date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)'],
			[6, 'decision', 'peut-être', 'valeur inconnue (attendu : granted, refused, postponed)']
		]);
		const rows = await db.query(
			"SELECT request_id, strftime(date_request, '%Y-%m-%d') AS req, strftime(date_decision, '%Y-%m-%d') AS dec, aid_type, form, amount_granted, decision FROM aid_requests ORDER BY 1"
		);
		expect(rows).toEqual([
			{ request_id: 'd1', req: '2024-01-05', dec: '2024-01-10', aid_type: 'food', form: 'voucher', amount_granted: 120, decision: 'granted' },
			{ request_id: 'd2', req: '2024-02-05', dec: '2024-02-06', aid_type: 'bill_energy', form: 'direct_payment', amount_granted: 80.5, decision: 'granted' },
			{ request_id: 'd3', req: '2024-03-05', dec: null, aid_type: 'cash', form: 'cash', amount_granted: 0, decision: 'refused' }
		]);
	});

	it('commune codes: 01001 and 2A004 keep their form, 1001 regains its zero, bad codes are rejected', async () => {
		const { report: r } = await load('menages-communes.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([6, 4, 2]);
		const reason = 'code commune INSEE à 5 caractères attendu (ex. 93061, 2A004)';
		expect(errs(r)).toEqual([
			[6, 'commune', '930610', reason],
			[7, 'commune', '2C004', reason]
		]);
		expect(r.warnings).toEqual(['1 code(s) commune à 4 chiffres complétés d’un zéro initial (ex. 1001 → 01001)']);
		expect((await db.query<{ commune: string }>('SELECT commune FROM households ORDER BY household_id')).map((x) => x.commune)).toEqual([
			'01001',
			'2A004',
			'01001',
			'2A004'
		]);
	});

	it('blank lines, a line of separators only and an empty trailing line are no rows', async () => {
		const { report: r } = await load('menages-lignes-vides.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([2, 1, 1]);
		expect(errs(r)).toEqual([[4, 'age_ref', '200', 'supérieur au maximum (120)']]);
	});

	it('a duplicated header refuses the file whole with a clear message', async () => {
		const { report: r } = await load('menages-en-tete-double.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([1, 0, 1]);
		expect(r.fatal).toBe('menages-en-tete-double.csv : en-tête en double : « commune » (colonnes 3 et 10) (fichier refusé en entier)');
		const alias = ingestCsv(HOUSEHOLDS, 'commune;code_commune\n93061;93061\n');
		expect(alias.fatal).toBe('en-tête en double : « commune » et « code_commune » désignent toutes deux la colonne commune');
	});

	it('a missing required column refuses the file whole, naming it', async () => {
		const { report: r } = await load('menages-colonne-manquante.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([2, 0, 2]);
		expect(r.fatal).toBe('menages-colonne-manquante.csv : colonne obligatoire absente : tenure (fichier refusé en entier)');
		expect(r.warnings).toEqual(['tenure (statut d’occupation) : en-têtes reconnus : tenure, statut_logement, statut_occupation, logement, occupation']);
	});

	it('a wrong enum is rejected with the value as written; nb_personnes stands for the adults', async () => {
		const { report: r, ingested } = await load('menages-enum-inconnu.csv');
		expect([r.read, r.loaded, r.rejected]).toEqual([3, 1, 2]);
		expect(errs(r)).toEqual([
			[2, 'activity_ref', 'bénévole', 'valeur inconnue (attendu : employed, unemployed, retired, student, inactive)'],
			[3, 'tenure', '=HYPERLIEN("x")', ENUM_TENURE]
		]);
		expect(r.mapping![3]).toEqual({ header: 'nb_personnes', column: 'persons_14_plus', note: 'nb_personnes − enfants de moins de 14 ans' });
		expect(await db.query('SELECT household_id, persons_14_plus, persons_under_14, family_type, tenure FROM households')).toEqual([
			{ household_id: 'u3', persons_14_plus: 2, persons_under_14: 2, family_type: 'couple_children', tenure: 'private_rent' }
		]);
		expect(reasonCounts(r)).toEqual([
			{ column: 'activity_ref', reason: 'valeur inconnue (attendu : employed, unemployed, retired, student, inactive)', rows: 1 },
			{ column: 'tenure', reason: ENUM_TENURE, rows: 1 }
		]);
		// The rejects file: BOM, ;, CRLF, original values, the formula neutralised.
		const csv = rejectsCsv(r, ingested);
		expect(csv.split('\r\n')).toEqual([
			'\ufeffligne;motif;identifiant;annee;commune;nb_personnes;nb_enfants_moins_14;type_menage;age;activite;statut_logement',
			'2;activity_ref : valeur inconnue (attendu : employed, unemployed, retired, student, inactive);u1;2023;93061;3;2;Famille monoparentale;30;bénévole;Locataire HLM',
			`3;tenure : ${ENUM_TENURE};u2;2023;93061;3;1;couple avec enfants;30;Salarié;"'=HYPERLIEN(""x"")"`,
			''
		]);
	});
});

describe('rejects file, template', () => {
	it('neutralises formulas but not plain negative numbers', () => {
		expect(['=1+1', '+33 6', '-x', '@a', '-12,5', '-3', 'ok'].map(excelCell)).toEqual(["'=1+1", "'+33 6", "'-x", "'@a", '-12,5', '-3', 'ok']);
	});

	it('the rejects of a quoted-newline file re-import: the corrected rows then load', async () => {
		const { report, ingested } = await load('menages-saut-de-ligne.csv');
		const csv = rejectsCsv(report, ingested);
		// The user fixes the rows in Excel: drops the ligne/motif columns, fixes the count and the id.
		const fixed = csv
			.replace(/^\ufeff/, '')
			.split('\r\n')
			.map((l) => l.split(';').slice(2).join(';'))
			.join('\r\n')
			.replace(';0;0;single', ';1;0;single')
			.replace('q1;', 'q9;');
		const again = await importFile(db, HOUSEHOLDS, { name: 'corrige.csv', data: fixed });
		expect([again.report.read, again.report.loaded, again.report.rejected]).toEqual([2, 2, 0]);
	});

	it('the templates (CSV and XLSX) re-import with no reject', async () => {
		for (const c of [HOUSEHOLDS, AID_REQUESTS]) {
			for (const [name, data] of [
				['modele.csv', new TextEncoder().encode(templateCsv(c))],
				['modele.xlsx', new Uint8Array(await (await templateXlsx(c)).arrayBuffer())]
			] as const) {
				const { report } = await importFile(db, c, { name, data });
				expect([report.read, report.loaded, report.rejected, report.fatal, report.warnings], name).toEqual([1, 1, 0, undefined, []]);
				expect(report.mapping!.every((m) => m.column)).toBe(true);
			}
		}
	});
});

describe('Arrow IPC', () => {
	it('reads an Arrow file with French headers, typed numbers and dates, through the same mapping and validation', async () => {
		const { tableToIPC, tableFromArrays } = await import('apache-arrow');
		const table = tableFromArrays({
			identifiant: ['a1', 'a2', 'a3'],
			code_commune: ['93061', '2A004', '93061'],
			date_demande: [new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2024, 1, 6)), new Date(Date.UTC(2024, 2, 7))],
			type_aide: ['alimentaire', 'Énergie', 'voyage'],
			forme: ['bon', 'virement', 'bon'],
			montant_accorde: Float64Array.from([120.5, 80, 0]),
			decision: ['accordé', 'refusé', 'ajourné']
		});
		for (const format of ['file', 'stream'] as const) {
			const { report: r } = await importFile(db, AID_REQUESTS, { name: `demandes.arrow`, data: tableToIPC(table, format) });
			expect([r.read, r.loaded, r.rejected, r.encoding, r.fatal]).toEqual([3, 2, 1, 'arrow', undefined]);
			expect(errs(r)).toEqual([[4, 'aid_type', 'voyage', 'valeur inconnue (attendu : food, cash, bill_energy, bill_rent, microcredit, other)']]);
			expect(
				await db.query("SELECT request_id, commune, strftime(date_request, '%Y-%m-%d') AS d, aid_type, form, amount_granted, decision FROM aid_requests ORDER BY 1")
			).toEqual([
				{ request_id: 'a1', commune: '93061', d: '2024-01-05', aid_type: 'food', form: 'voucher', amount_granted: 120.5, decision: 'granted' },
				{ request_id: 'a2', commune: '2A004', d: '2024-02-06', aid_type: 'bill_energy', form: 'cash', amount_granted: 80, decision: 'refused' }
			]);
		}
	});
});

describe('XLSX', () => {
	it('reads a workbook written by a spreadsheet library: typed dates, numbers, French values; the sheet is chosen', async () => {
		const day = (m: number, d: number) => ({ value: new Date(Date.UTC(2024, m - 1, d)), format: 'dd/mm/yyyy' });
		const blob = await writeXlsxFile([
			{ sheet: 'notes', data: [[{ value: 'Registre 2024' }]] },
			{
				sheet: 'demandes',
				data: [
					['identifiant', 'commune', 'date_demande', 'date_decision', 'type_aide', 'forme', 'montant_accorde', 'decision'].map((value) => ({ value })),
					[{ value: 'x1' }, { value: '01001' }, day(1, 5), { value: '10/01/2024' }, { value: 'Alimentaire' }, { value: 'bon' }, { value: 120.5 }, { value: 'accordé' }],
					[{ value: 'x2' }, { value: '2A004' }, day(2, 5), null, { value: 'énergie' }, { value: 'paiement direct' }, { value: 80 }, { value: 'refusé' }],
					[],
					[{ value: 'x3' }, { value: '93061' }, day(2, 9), null, { value: 'loyer' }, { value: 'Bon & co' }, { value: 0 }, { value: 'ajourné' }]
				]
			}
		]).toBlob();
		const data = new Uint8Array(await blob.arrayBuffer());
		const first = await importFile(db, AID_REQUESTS, { name: 'demandes.xlsx', data });
		expect([first.report.sheets, first.report.sheet]).toEqual([['notes', 'demandes'], 'notes']);
		expect(first.report.fatal).toMatch(/colonne obligatoire absente : request_id/);
		const missing = await importFile(db, AID_REQUESTS, { name: 'demandes.xlsx', data }, 'aid_requests', { sheet: 'Feuil9' });
		expect(missing.report.fatal).toBe('demandes.xlsx : fichier Excel illisible (feuille « Feuil9 » absente (feuilles : notes, demandes)) (fichier refusé en entier)');
		const { report: r } = await importFile(db, AID_REQUESTS, { name: 'demandes.xlsx', data }, 'aid_requests', { sheet: 'demandes' });
		expect([r.read, r.loaded, r.rejected, r.encoding, r.sheet, r.fatal]).toEqual([3, 2, 1, 'xlsx', 'demandes', undefined]);
		// Lines are Excel rows: the empty row 4 is skipped, x3 is on row 5.
		expect(errs(r)).toEqual([[5, 'form', 'Bon & co', 'valeur inconnue (attendu : voucher, cash, direct_payment, loan)']]);
		expect(
			await db.query("SELECT request_id, commune, strftime(date_request, '%Y-%m-%d') AS d, strftime(date_decision, '%Y-%m-%d') AS dd, aid_type, form, amount_granted, decision FROM aid_requests ORDER BY 1")
		).toEqual([
			{ request_id: 'x1', commune: '01001', d: '2024-01-05', dd: '2024-01-10', aid_type: 'food', form: 'voucher', amount_granted: 120.5, decision: 'granted' },
			{ request_id: 'x2', commune: '2A004', d: '2024-02-05', dd: null, aid_type: 'bill_energy', form: 'direct_payment', amount_granted: 80, decision: 'refused' }
		]);
	});

	it('a broken zip is refused whole without throwing', async () => {
		const bytes = new Uint8Array(await (await templateXlsx(AID_REQUESTS)).arrayBuffer()).slice(0, 200);
		const { report: r } = await importFile(db, AID_REQUESTS, { name: 'casse.xlsx', data: bytes });
		expect(r.fatal).toMatch(/^casse\.xlsx : fichier Excel illisible/);
		expect(r.loaded).toBe(0);
	});
});

describe('edge files', () => {
	it('an empty file and a header-only file: no throw, read = loaded + rejected', async () => {
		const empty = await importFile(db, HOUSEHOLDS, { name: 'vide.csv', data: new Uint8Array() });
		expect([empty.report.read, empty.report.loaded, empty.report.fatal]).toEqual([0, 0, 'vide.csv : fichier vide ou sans ligne d’en-tête (fichier refusé en entier)']);
		const header = 'identifiant;annee;commune;nb_adultes;nb_enfants_moins_14;type_menage;age;activite;statut_logement\r\n';
		const only = await importFile(db, HOUSEHOLDS, { name: 'entete.csv', data: header });
		expect([only.report.read, only.report.loaded, only.report.rejected, only.report.fatal]).toEqual([0, 0, 0, undefined]);
	});
});

describe('large contract-form files', () => {
	it('a French spelling or a lost zero past the sampled head is still translated, not rejected', async () => {
		// Header on line 1, 2 000 contract-form lines (≈ 100 KiB: more than the 64 KiB the fast path samples), then on
		// line 2002 « salarié » and a commune written 1001 (Excel's number form of 01001), then on line 2003 a wrong enum.
		const head = 'household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,income_work';
		const lines = [head];
		for (let i = 0; i < 2000; i++) lines.push(`b${i},2023,93061,1,0,single,40,employed,owner,1234.5`);
		lines.push('late,2023,1001,1,0,single,40,salarié,owner,1000');
		lines.push('bad,2023,93061,1,0,single,40,employed,château,1000');
		const { report: r } = await importFile(db, HOUSEHOLDS, { name: 'grand.csv', data: lines.join('\n') + '\n' });
		expect([r.read, r.loaded, r.rejected]).toEqual([2002, 2001, 1]);
		expect(errs(r)).toEqual([[2003, 'tenure', 'château', ENUM_TENURE]]);
		expect(await db.query("SELECT commune, activity_ref FROM households WHERE household_id = 'late'")).toEqual([{ commune: '01001', activity_ref: 'employed' }]);
	});

	it('lines of separators only (Excel’s emptied rows) and empty lines at the end stay on DuckDB’s reader and are no rows', async () => {
		// French form, 2 000 lines past the 64 KiB sample; « ;;;; » lines at 502 and after the last record, a bad
		// record at 1003 (an empty family type: really rejected, not dropped), two empty lines at the very end.
		const head = 'identifiant;annee;commune;nb_14_ans_et_plus;nb_enfants_moins_14;type_menage;age;activite;statut_logement;Commentaire';
		const lines = [head];
		for (let i = 0; i < 2000; i++) lines.push(i === 500 ? ';;;;;;;;;' : i === 1001 ? `b${i};2023;93061;1;0;;40;salarié;propriétaire;vu` : `b${i};2023;93061;1;0;Personne seule;40;salarié;propriétaire;`);
		lines.push(';;;;;;;;;', ' ; ;;;;;;;;');
		const text = lines.join('\r\n') + '\r\n\r\n\r\n';
		const expected = [[1003, 'family_type', '', MISSING]];
		const fast = await importFile(db, HOUSEHOLDS, { name: 'vides.csv', data: text });
		expect(fast.reader).toBe('duckdb');
		expect([fast.report.read, fast.report.loaded, fast.report.rejected]).toEqual([1999, 1998, 1]);
		expect(errs(fast.report)).toEqual(expected);
		expect(await db.query('SELECT count(*)::INTEGER AS n FROM households_rejects')).toEqual([{ n: 1 }]);
		// The pre-step (a quoted line break sends the file there) skips the same lines.
		const careful = await importFile(db, HOUSEHOLDS, { name: 'vides.csv', data: text.replace(';vu', ';"v\nu"') });
		expect(careful.reader).toBe('pre-step');
		expect([careful.report.read, careful.report.loaded, careful.report.rejected]).toEqual([1999, 1998, 1]);
		expect(errs(careful.report)).toEqual(expected);
		// An empty line before the last record shifts DuckDB's rows: the pre-step reads it, lines stay right.
		const inside = await importFile(db, HOUSEHOLDS, { name: 'vides.csv', data: text.replace(';vu\r\n', ';vu\r\n\r\n') });
		expect(inside.reader).toBe('pre-step');
		expect(errs(inside.report)).toEqual(expected);
	});

	it('a contract-form file with Windows line ends and an unknown column reads with the header it was sniffed with', async () => {
		const text = [
			'household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,note,income_work',
			'w1,2023,93061,2,1,couple_children,35,employed,social_rent,libre,1500.5',
			'w2,2023,93061,1,0,single,40,employed,owner,,-3'
		].join('\r\n');
		const { report: r } = await importFile(db, HOUSEHOLDS, { name: 'crlf.csv', data: text + '\r\n' });
		expect([r.read, r.loaded, r.rejected]).toEqual([2, 1, 1]);
		expect(errs(r)).toEqual([[3, 'income_work', '-3', 'inférieur au minimum (0)']]);
		expect(r.warnings).toContain('colonnes inconnues ignorées : note');
		expect(await db.query("SELECT persons_under_14, tenure, income_work FROM households WHERE household_id = 'w1'")).toEqual([
			{ persons_under_14: 1, tenure: 'social_rent', income_work: 1500.5 }
		]);
	});
});

describe('Parquet and Arrow read column by column', () => {
	// Typed as such files come from pandas, R or DuckDB: integer codes (a commune written as a number, its
	// leading zero lost), French words, a float where an integer is due, an empty required cell, a boolean left
	// empty, a number written as text; each value's expected fate is worked out from the contract by hand.
	const columns = {
		identifiant: ['m1', 'm2', 'm3', 'm4', 'm5'],
		annee: Int32Array.from([2023, 2023, 2023, 2023, 2023]),
		code_commune: Int32Array.from([93061, 1001, 93061, 93006, 93061]),
		nb_14_ans_et_plus: Float64Array.from([1, 2.5, 2, 1, 3]),
		nb_enfants_moins_14: Float64Array.from([0, 1, 2, 0, 1]),
		type_menage: ['Personne seule', 'couple_children', 'couple_children', null, 'couple'],
		age_ref: BigInt64Array.from([34n, 41n, 52n, 70n, 45n]),
		activite: ['salarié', 'employed', 'unemployed', 'retired', 'employed'],
		temps_partiel: [true, null, false, false, true],
		statut_occupation: ['locataire HLM', 'owner', 'private_rent', 'owner', 'social_rent'],
		revenus_activite: Float64Array.from([1450.5, 2100, 0, 0, 3200])
	};
	const expectedErrors = [
		[3, 'persons_14_plus', '2.5', 'nombre entier attendu'],
		[5, 'family_type', '', MISSING]
	];
	const withoutArrow = (): Connector => ({ ...db, insertArrow: undefined });
	const rows = () => db.query('SELECT * FROM households ORDER BY household_id');

	async function files() {
		const arrow = await import('apache-arrow');
		const { parquetWriteBuffer } = await import('hyparquet-writer');
		const table = arrow.tableFromArrays(columns);
		const parquet = new Uint8Array(
			parquetWriteBuffer({
				columnData: [
					{ name: 'identifiant', data: columns.identifiant, type: 'STRING' },
					{ name: 'annee', data: columns.annee, type: 'INT32' },
					{ name: 'code_commune', data: columns.code_commune, type: 'INT32' },
					{ name: 'nb_14_ans_et_plus', data: columns.nb_14_ans_et_plus, type: 'DOUBLE' },
					{ name: 'nb_enfants_moins_14', data: columns.nb_enfants_moins_14, type: 'DOUBLE' },
					{ name: 'type_menage', data: columns.type_menage, type: 'STRING' },
					{ name: 'age_ref', data: columns.age_ref, type: 'INT64' },
					{ name: 'activite', data: columns.activite, type: 'STRING' },
					{ name: 'temps_partiel', data: columns.temps_partiel, type: 'BOOLEAN' },
					{ name: 'statut_occupation', data: columns.statut_occupation, type: 'STRING' },
					{ name: 'revenus_activite', data: columns.revenus_activite, type: 'DOUBLE' }
				]
			})
		);
		return { 'menages.parquet': parquet, 'menages.arrow': arrow.tableToIPC(table, 'file') };
	}

	it('load the same rows and the same rejects as through clean CSV, with the original values in the rejects', async () => {
		for (const [name, data] of Object.entries(await files())) {
			const columnar = await importFile(db, HOUSEHOLDS, { name, data });
			const byColumn = await rows();
			const csv = await importFile(withoutArrow(), HOUSEHOLDS, { name, data });
			expect([columnar.reader, csv.reader], name).toEqual(['arrow', 'pre-step']);
			const r = columnar.report;
			expect([r.read, r.loaded, r.rejected], name).toEqual([5, 3, 2]);
			expect(errs(r), name).toEqual(expectedErrors);
			expect(r.warnings, name).toEqual(csv.report.warnings);
			expect(errs(csv.report), name).toEqual(expectedErrors);
			expect(byColumn, name).toEqual(await rows());
			// The rejects file's rows are the file's own records, every column as text.
			expect(columnar.ingested.records[0].slice(0, 4), name).toEqual(['m2', '2023', '1001', '2.5']);
			expect(byColumn.map((h) => [h.household_id, h.commune, h.family_type, h.activity_ref, h.part_time_ref, h.tenure, h.age_ref])).toEqual([
				['m1', '93061', 'single', 'employed', true, 'social_rent', 34],
				['m3', '93061', 'couple_children', 'unemployed', false, 'private_rent', 52],
				['m5', '93061', 'couple', 'employed', true, 'social_rent', 45]
			]);
		}
	});

	it('pad a commune code written as a 4-digit number, and leave a number written as text to the CSV route', async () => {
		const arrow = await import('apache-arrow');
		const table = arrow.tableFromArrays({
			...columns,
			type_menage: ['single', 'couple', 'couple_children', 'single', 'couple'],
			nb_14_ans_et_plus: Float64Array.from([1, 2, 2, 1, 3]),
			revenus_activite: ['1.450,50', '2100', '0', '0', '3200']
		});
		const { report: r, reader } = await importFile(db, HOUSEHOLDS, { name: 'm.arrow', data: arrow.tableToIPC(table, 'stream') });
		expect([reader, r.read, r.loaded, r.rejected]).toEqual(['pre-step', 5, 5, 0]);
		expect(r.warnings).toContain('1 code(s) commune à 4 chiffres complétés d’un zéro initial (ex. 1001 → 01001)');
		expect(await db.query('SELECT commune, income_work FROM households ORDER BY household_id LIMIT 2')).toEqual([
			{ commune: '93061', income_work: 1450.5 },
			{ commune: '01001', income_work: 2100 }
		]);
		const typed = arrow.tableFromArrays({ ...columns, type_menage: ['single', 'couple', 'couple_children', 'single', 'couple'], nb_14_ans_et_plus: Float64Array.from([1, 2, 2, 1, 3]) });
		const byColumn = await importFile(db, HOUSEHOLDS, { name: 'm.arrow', data: arrow.tableToIPC(typed, 'stream') });
		expect([byColumn.reader, byColumn.report.loaded]).toEqual(['arrow', 5]);
		expect(byColumn.report.warnings).toContain('1 code(s) commune à 4 chiffres complétés d’un zéro initial (ex. 1001 → 01001)');
		expect((await db.query<{ commune: string }>('SELECT commune FROM households ORDER BY household_id')).map((h) => h.commune)).toEqual([
			'93061',
			'01001',
			'93061',
			'93006',
			'93061'
		]);
	});
});

describe('integers', () => {
	it('a decimal in an integer column is rejected, not rounded, on every route', async () => {
		// DuckDB's CSV reader, asked for a BIGINT, turns « 2.5 » into 3 without a word.
		const csv = `household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure
m1,2023,93061,1,0,single,34,employed,owner
m2,2023,93061,2.5,0,single,34.5,employed,owner
m3,2023,93061,-1,0,single,40,employed,owner
`;
		const expected = [
			[3, 'age_ref', '34.5', 'nombre entier attendu'],
			[3, 'persons_14_plus', '2.5', 'nombre entier attendu'],
			[4, 'persons_14_plus', '-1', 'inférieur au minimum (1)']
		];
		const fast = await importFile(db, HOUSEHOLDS, { name: 'm.csv', data: csv });
		const careful = await importFile(db, HOUSEHOLDS, { name: 'm.csv', data: csv.replace('m1', '"m1"').replace('\n', '\n\n') });
		expect([fast.reader, careful.reader]).toEqual(['duckdb', 'pre-step']);
		for (const r of [fast.report, careful.report]) {
			expect([r.loaded, r.rejected]).toEqual([1, 2]);
			expect(errs(r)).toEqual(expected.map(([l, ...rest]) => [r === careful.report ? (l as number) + 1 : l, ...rest]));
		}
		// Without the import's original records, the reject still shows -1, not -1.0.
		await db.registerFile('ints.csv', csv);
		const { loadCsv } = await import('#lib/data/validate.ts');
		expect(errs(await loadCsv(db, HOUSEHOLDS, { file: 'ints.csv' }))).toEqual(expected);
	});
});

describe('Arrow types as pandas, R and polars write them', () => {
	it('dictionary (categorical) and large strings, timestamps, integers with gaps: read as their values', async () => {
		const arrow = await import('apache-arrow');
		const dict = () => new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
		const ms = (m: number, d: number) => Date.UTC(2024, m - 1, d, 9, 30);
		const table = new arrow.Table({
			identifiant: arrow.vectorFromArray(['d1', 'd2', 'd3'], new arrow.Utf8()),
			commune: arrow.vectorFromArray(['93061', '93006', '93061'], dict()),
			date_demande: arrow.vectorFromArray([ms(1, 5), ms(2, 5), ms(2, 9)], new arrow.TimestampMillisecond()),
			type_aide: arrow.vectorFromArray(['alimentaire', 'Énergie', 'loyer'], new arrow.LargeUtf8()),
			forme: arrow.vectorFromArray(['bon', 'virement', 'bon'], dict()),
			montant_accorde: arrow.vectorFromArray([120.5, null, 0], new arrow.Float64()),
			rang_renouvellement: arrow.vectorFromArray([0, null, 2.5], new arrow.Float64()),
			decision: arrow.vectorFromArray(['accordé', 'refusé', 'accordé'], dict())
		});
		const { report: r, reader } = await importFile(db, AID_REQUESTS, { name: 'demandes.arrow', data: arrow.tableToIPC(table, 'stream') });
		expect([reader, r.read, r.loaded, r.rejected, r.fatal]).toEqual(['arrow', 3, 2, 1, undefined]);
		expect(errs(r)).toEqual([[4, 'renewal_rank', '2.5', 'nombre entier attendu']]);
		expect(
			await db.query("SELECT request_id, commune, strftime(date_request, '%Y-%m-%d') AS d, aid_type, form, amount_granted, renewal_rank, decision FROM aid_requests ORDER BY 1")
		).toEqual([
			// An empty amount granted takes the contract's default (0), an empty renewal rank too.
			{ request_id: 'd1', commune: '93061', d: '2024-01-05', aid_type: 'food', form: 'voucher', amount_granted: 120.5, renewal_rank: 0, decision: 'granted' },
			{ request_id: 'd2', commune: '93006', d: '2024-02-05', aid_type: 'bill_energy', form: 'cash', amount_granted: 0, renewal_rank: 0, decision: 'refused' }
		]);
	});
});

describe('household size (nb_personnes)', () => {
	it('is turned into persons aged 14 or more in SQL, as the pre-step does, on every route', async () => {
		// By hand: a1 3 − 2 = 1 adult; a2 2 − 2 = 0, under the minimum of 1; a3 « abc » is no number; a4 has no
		// children count (required); a5 4 − 1 = 3.
		const csv = `identifiant;annee;commune;nb_personnes;nb_enfants_moins_14;type_menage;age;activite;statut_logement
a1;2023;93061;3;2;Famille monoparentale;30;salarié;locataire HLM
a2;2023;93061;2;2;couple;30;employed;owner
a3;2023;93061;abc;1;couple;30;employed;owner
a4;2023;93061;5;;couple;30;employed;owner
a5;2023;93061;4;1;couple avec enfants;41;employed;owner
`;
		const expected = [
			[3, 'persons_14_plus', '2', 'inférieur au minimum (1)'],
			[4, 'persons_14_plus', 'abc', 'nombre entier attendu'],
			[5, 'persons_under_14', '', MISSING]
		];
		const rows = () => db.query('SELECT household_id, persons_14_plus, persons_under_14 FROM households ORDER BY 1');
		const loaded = [
			{ household_id: 'a1', persons_14_plus: 1, persons_under_14: 2 },
			{ household_id: 'a5', persons_14_plus: 3, persons_under_14: 1 }
		];
		const fast = await importFile(db, HOUSEHOLDS, { name: 'm.csv', data: csv });
		expect(fast.reader).toBe('duckdb');
		expect(errs(fast.report)).toEqual(expected);
		expect(await rows()).toEqual(loaded);
		// The pre-step (forced by a blank line after the header: every line one further).
		const careful = await importFile(db, HOUSEHOLDS, { name: 'm.csv', data: csv.replace('\n', '\n\n') });
		expect(careful.reader).toBe('pre-step');
		expect(errs(careful.report)).toEqual(expected.map(([l, ...rest]) => [(l as number) + 1, ...rest]));
		expect(await rows()).toEqual(loaded);
		// Arrow, typed: the same.
		const arrow = await import('apache-arrow');
		const table = arrow.tableFromArrays({
			identifiant: ['a1', 'a2', 'a3', 'a4', 'a5'],
			annee: Int32Array.from([2023, 2023, 2023, 2023, 2023]),
			commune: ['93061', '93061', '93061', '93061', '93061'],
			nb_personnes: ['3', '2', 'abc', '5', '4'],
			nb_enfants_moins_14: [2, 2, 1, null, 1],
			type_menage: ['single_parent', 'couple', 'couple', 'couple', 'couple_children'],
			age: Int32Array.from([30, 30, 30, 30, 41]),
			activite: ['employed', 'employed', 'employed', 'employed', 'employed'],
			statut_logement: ['social_rent', 'owner', 'owner', 'owner', 'owner']
		});
		const byColumn = await importFile(db, HOUSEHOLDS, { name: 'm.arrow', data: arrow.tableToIPC(table, 'stream') });
		expect(byColumn.reader).toBe('arrow');
		expect(errs(byColumn.report)).toEqual(expected);
		expect(await rows()).toEqual(loaded);
	});
});

describe('Parquet row groups', () => {
	it('a column empty in the first row group and filled in the next loads with the same types, in file order', async () => {
		const { parquetWriteBuffer } = await import('hyparquet-writer');
		const n = 6;
		const ids = Array.from({ length: n }, (_, i) => `g${i + 1}`);
		const parquet = new Uint8Array(
			parquetWriteBuffer({
				rowGroupSize: 3,
				columnData: [
					{ name: 'identifiant', data: ids, type: 'STRING' },
					{ name: 'annee', data: Array(n).fill(2023), type: 'INT32' },
					{ name: 'commune', data: Array(n).fill('93061'), type: 'STRING' },
					{ name: 'nb_14_ans_et_plus', data: Array(n).fill(1), type: 'INT32' },
					{ name: 'nb_enfants_moins_14', data: Array(n).fill(0), type: 'INT32' },
					{ name: 'type_menage', data: Array(n).fill('single'), type: 'STRING' },
					{ name: 'age_ref', data: Array(n).fill(40), type: 'INT32' },
					{ name: 'activite', data: Array(n).fill('employed'), type: 'STRING' },
					{ name: 'statut_occupation', data: Array(n).fill('owner'), type: 'STRING' },
					// Empty in the first group: numbers, then text, only in the second.
					{ name: 'loyer', data: [null, null, null, 450.5, 0, 700], type: 'DOUBLE' },
					{ name: 'iris', data: [null, null, null, '930610101', '930610102', null], type: 'STRING' }
				]
			})
		);
		const { report: r, reader } = await importFile(db, HOUSEHOLDS, { name: 'groupes.parquet', data: parquet });
		expect([reader, r.read, r.loaded, r.rejected, r.fatal]).toEqual(['arrow', 6, 6, 0, undefined]);
		expect(await db.query('SELECT household_id, charge_rent, iris FROM households')).toEqual([
			{ household_id: 'g1', charge_rent: 0, iris: null },
			{ household_id: 'g2', charge_rent: 0, iris: null },
			{ household_id: 'g3', charge_rent: 0, iris: null },
			{ household_id: 'g4', charge_rent: 450.5, iris: '930610101' },
			{ household_id: 'g5', charge_rent: 0, iris: '930610102' },
			{ household_id: 'g6', charge_rent: 700, iris: null }
		]);
	});
});
