/**
 * Households fetched as typed columns (scenario/load.ts) give the very report that row objects gave, on the
 * default data (static/data), over every commune and over a few, restricted in JS or in SQL, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ident, type Connector } from '#lib/db/connector.ts';
import { createNativeConnector } from '#lib/db/native.ts';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { BOOL_COLUMNS, ENUM_COLUMNS, NUMBER_COLUMNS } from '#lib/rules/variables.ts';
import { fetchScenarioData } from '#lib/scenario/load.ts';
import { buildPopulation, populationFromColumns, restrictColumns } from '#lib/scenario/population.ts';
import { simulate } from '#lib/scenario/report.ts';

let db: Connector;
beforeAll(async () => {
	db = await createNodeConnector();
	await loadFolder(db, 'static/data');
});
afterAll(async () => {
	await db?.close();
});

const SPEC = { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: { rav_max: 12 } };
const FEW = ['93006', '93061', '93063'];

/** The reference: row objects in household_id order, turned into columns by toColumns. */
async function fromRows(conn: Connector, year: number, communes: string[] | null) {
	const names = ['household_id', 'commune', 'weight', ...NUMBER_COLUMNS, ...BOOL_COLUMNS, ...ENUM_COLUMNS];
	const where = communes ? ` AND commune IN (${communes.map((c) => `'${c}'`).join(', ')})` : '';
	return conn.query(`SELECT ${names.map(ident).join(', ')} FROM households WHERE year = ${year}${where} ORDER BY household_id`);
}

describe('households as typed columns', () => {
	it('give the report of row objects, every commune', async () => {
		const d = await fetchScenarioData(db);
		const rows = await fromRows(db, d.year, null);
		expect(d.cols.n).toBe(rows.length);
		const a = simulate(populationFromColumns(d, d.year, d.flow), SPEC);
		const b = simulate(buildPopulation(rows, d.year, d.flow), SPEC);
		expect(a.scenario.beneficiaries).toBeGreaterThan(0);
		expect(a).toEqual(b);
	});

	it('restricted in JS or in SQL, on DuckDB-wasm or native DuckDB, give the same report', async () => {
		const all = await fetchScenarioData(db);
		const inJs = populationFromColumns(restrictColumns(all, FEW), all.year, all.flow);
		const inSql = await fetchScenarioData(db, { communes: FEW });
		const native = await createNativeConnector();
		try {
			await loadFolder(native, 'static/data');
			const viaNative = await fetchScenarioData(native, { communes: FEW });
			const expected = simulate(buildPopulation(await fromRows(db, all.year, FEW), all.year, inSql.flow), SPEC);
			expect(inJs.communes).toEqual(FEW);
			expect(simulate(inJs, SPEC)).toEqual(expected);
			expect(simulate(populationFromColumns(inSql, inSql.year, inSql.flow), SPEC)).toEqual(expected);
			expect(simulate(populationFromColumns(viaNative, viaNative.year, viaNative.flow), SPEC)).toEqual(expected);
		} finally {
			await native.close();
		}
	});
});
