/** Validation on load (DESIGN.md §3, §6): exact rejects with line, column and reason; nothing valid lost. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { AID_REQUESTS, HOUSEHOLDS } from '#lib/data/schema.ts';
import { loadCsv } from '#lib/data/validate.ts';

let db: Connector;
beforeAll(async () => {
	db = await createNodeConnector();
});

describe('households validation', () => {
	it('rejects a negative person count, an unknown enum and a duplicated id, and loads the rest', async () => {
		await db.registerFile('hh.csv', readFileSync('tests/fixtures/households-invalid.csv'));
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'hh.csv' });
		expect(r.fatal).toBeUndefined();
		expect(r.read).toBe(7);
		expect(r.rejected).toBe(3);
		expect(r.loaded).toBe(4);
		expect(r.errors.map(({ line, column, value }) => ({ line, column, value }))).toEqual([
			{ line: 3, column: 'persons_under_14', value: '-1' },
			{ line: 4, column: 'family_type', value: 'celibataire' },
			{ line: 5, column: 'household_id', value: 'h1' }
		]);
		expect(r.errors[0].reason).toBe('inférieur au minimum (0)');
		expect(r.errors[1].reason).toMatch(/valeur inconnue/);
		expect(r.errors[2].reason).toBe('identifiant en double (première occurrence ligne 2)');
		// h1 of 2022 is not a duplicate (the key is id + year); 01001 and 2A004 keep their form;
		// a decimal comma and a space as thousands separator are read; empty optional → default.
		const rows = await db.query<{ household_id: string; year: number; commune: string; income_work: number; part_time_ref: boolean }>(
			'SELECT household_id, year, commune, income_work, part_time_ref FROM households ORDER BY household_id, year'
		);
		expect(rows).toEqual([
			{ household_id: 'h1', year: 2021, commune: '93061', income_work: 1000, part_time_ref: false },
			{ household_id: 'h1', year: 2022, commune: '93061', income_work: 1100, part_time_ref: true },
			{ household_id: 'h4', year: 2021, commune: '01001', income_work: 2100.5, part_time_ref: false },
			{ household_id: 'h5', year: 2021, commune: '2A004', income_work: 0, part_time_ref: false }
		]);
	});

	it('rejects a file missing a required column whole, naming the column', async () => {
		await db.registerFile('miss.csv', readFileSync('tests/fixtures/households-missing-column.csv'));
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'miss.csv', displayName: 'menages.csv' });
		expect(r.read).toBe(2);
		expect(r.loaded).toBe(0);
		expect(r.rejected).toBe(2);
		expect(r.fatal).toBe('menages.csv : colonne obligatoire absente : tenure (fichier refusé en entier)');
	});

	it('warns about unknown columns and reports an unreadable file without throwing', async () => {
		await db.registerFile('extra.csv', readFileSync('tests/fixtures/households-small.csv', 'utf8').replace('charge_tax', 'charge_tax,foo').replace(/\n(?=.)/g, '\n').replace(/(\d)\n/g, '$1,x\n'));
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'extra.csv' });
		expect(r.warnings).toEqual(['colonnes inconnues ignorées : foo']);
		expect(r.rejected).toBe(0);
		await db.registerFile('empty.csv', '');
		const e = await loadCsv(db, HOUSEHOLDS, { file: 'empty.csv' });
		expect(e.fatal).toBeDefined();
		expect(e.loaded).toBe(0);
	});
});

describe('aid requests validation', () => {
	it('reads both date forms and rejects a decision dated before its request', async () => {
		await db.registerFile(
			'ar.csv',
			[
				'request_id,commune,date_request,date_decision,aid_type,form,decision,amount_granted',
				'r1,93061,2024-01-05,10/01/2024,food,voucher,granted,120',
				'r2,93061,05/02/2024,2024-02-01,food,voucher,granted,10',
				'r3,93061,2024-03-01,,cash,cash,postponed,',
				'r4,93061,2024-03-32,,cash,cash,refused,'
			].join('\n')
		);
		const r = await loadCsv(db, AID_REQUESTS, { file: 'ar.csv' });
		expect(r.read).toBe(4);
		expect(r.loaded).toBe(2);
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
			[3, 'date_decision', 'décision antérieure à la demande'],
			[5, 'date_request', 'date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)']
		]);
		const rows = await db.query<{ d: string }>("SELECT strftime(date_decision, '%Y-%m-%d') AS d FROM aid_requests WHERE request_id = 'r1'");
		expect(rows[0].d).toBe('2024-01-10');
	});
});

describe('checks by distinct value and typed reading', () => {
	const head = 'household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,part_time_ref,weight,income_work';
	it('trims spaces (ASCII and no-break) from ids and values, reads French booleans, rejects NaN and infinity', async () => {
		await db.registerFile(
			'trim.csv',
			[
				head,
				// ids with surrounding spaces are trimmed; « couple » with spaces is the enum value couple
				' t1 ,2021,93061,2,0, couple ,40,employed,owner,oui,1,10',
				'\u00a0t2,2021,93061,1,0,single,40,employed,owner,Non,1,20',
				// an id made only of a no-break space is empty: required value missing
				'\u00a0,2021,93061,1,0,single,40,employed,owner,,1,30',
				't4,2021,93061,1,0,single,40,employed,owner,peut-être,1,40',
				't5,2021,93061,1,0,single,40,employed,owner,,1,nan',
				't6,2021,93061,1,0,single,40,employed,owner,,1,inf',
				't7,2021,93061,1,0,single,40,employed,owner,,,50'
			].join('\n')
		);
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'trim.csv' });
		expect([r.read, r.loaded, r.rejected]).toEqual([7, 3, 4]);
		expect(r.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
			[4, 'household_id', 'valeur obligatoire manquante'],
			[5, 'part_time_ref', 'booléen attendu (oui/non, true/false, 1/0)'],
			[6, 'income_work', 'nombre attendu'],
			[7, 'income_work', 'nombre attendu']
		]);
		const rows = await db.query('SELECT household_id, family_type, part_time_ref, weight, income_work FROM households ORDER BY household_id');
		// An empty weight takes the contract's default, 1 (DESIGN.md §3).
		expect(rows).toEqual([
			{ household_id: 't1', family_type: 'couple', part_time_ref: true, weight: 1, income_work: 10 },
			{ household_id: 't2', family_type: 'single', part_time_ref: false, weight: 1, income_work: 20 },
			{ household_id: 't7', family_type: 'single', part_time_ref: false, weight: 1, income_work: 50 }
		]);
	});

	it('checks a column of many distinct values cell by cell, with the same reasons', async () => {
		// 6 000 distinct communes (more than are checked value by value), one of them malformed.
		const lines = [head];
		for (let i = 0; i < 6000; i++) lines.push(`m${i},2021,${i === 4321 ? '9A001' : String(10000 + i)},1,0,single,40,employed,owner,,1,0`);
		await db.registerFile('many.csv', lines.join('\n'));
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'many.csv' });
		expect([r.read, r.loaded, r.rejected]).toEqual([6000, 5999, 1]);
		expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([[4323, 'commune', '9A001']]);
	});

	it('reads as text only the columns whose cells the reader could not type, with the same reasons', async () => {
		// A typo in an integer column and French numbers in a decimal one, far from the first lines; a French
		// boolean too (« oui »). The other columns stay typed by the reader; the table ends in contract types.
		const lines = [head];
		for (let i = 0; i < 3000; i++) {
			const age = i === 2500 ? '4O' : '40';
			const income = i === 2800 ? '"2 100,50"' : i === 2900 ? '1 000' : String(i);
			lines.push(`f${i},2021,93061,1,0,single,${age},employed,owner,${i === 10 ? 'oui' : ''},1,${income}`);
		}
		await db.registerFile('typo.csv', lines.join('\n'));
		const r = await loadCsv(db, HOUSEHOLDS, { file: 'typo.csv' });
		expect([r.read, r.loaded, r.rejected]).toEqual([3000, 2999, 1]);
		expect(r.errors).toEqual([{ line: 2502, column: 'age_ref', value: '4O', reason: 'nombre entier attendu' }]);
		const rows = await db.query<{ household_id: string; income_work: number; part_time_ref: boolean }>(
			`SELECT household_id, income_work, part_time_ref FROM households WHERE household_id IN ('f10', 'f2800', 'f2900') ORDER BY household_id`
		);
		expect(rows).toEqual([
			{ household_id: 'f10', income_work: 10, part_time_ref: true },
			{ household_id: 'f2800', income_work: 2100.5, part_time_ref: false },
			{ household_id: 'f2900', income_work: 1000, part_time_ref: false }
		]);
		const types = await db.query<{ column_name: string; data_type: string }>(
			`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'households' AND column_name IN ('age_ref', 'income_work', 'part_time_ref') ORDER BY 1`
		);
		expect(types.map((t) => t.data_type)).toEqual(['INTEGER', 'DOUBLE', 'BOOLEAN']);
	});
});
