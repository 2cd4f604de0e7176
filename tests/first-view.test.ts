/**
 * The Territoire page's first view is computed when the default data is made (scripts/prepare-data.ts, native
 * DuckDB) and shown before DuckDB-wasm has started: it must be exactly what the page's own engine gives on the
 * same file, or the first screen would show other numbers than the second.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { appendCsv } from '#lib/data/load.ts';
import { HOUSEHOLDS } from '#lib/data/schema.ts';
import { computeFirstView, FIRST_VIEW_FILE, type FirstView } from '#lib/app/first-view.ts';
import type { DefaultManifest } from '#lib/app/manifest.ts';
import type { DepartementGeography } from '#lib/territory/geography.ts';

const dir = 'static/data';
const read = <T>(name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as T;

describe('first view computed with the data', () => {
	it('equals what DuckDB-wasm computes in the page on the newest households file', async () => {
		const built = read<FirstView>(FIRST_VIEW_FILE);
		const manifest = read<DefaultManifest>('manifest.json');
		const newest = manifest.files.find((f) => f.kind === 'households')!;
		expect([built.label, built.year, built.synthetic]).toEqual([manifest.label, newest.year, true]);
		const geo = read<DepartementGeography>(`territory/${built.departement}.json`);
		// Est Ensemble, the page's default group.
		expect(geo.groups.find((g) => g.code === built.group)?.nom).toBe('Est Ensemble');
		const db = await createNodeConnector();
		await db.registerFile(newest.name, readFileSync(`${dir}/${newest.name}`));
		await appendCsv(db, HOUSEHOLDS, newest.name);
		const page = await computeFirstView(db, geo, { label: manifest.label, departement: built.departement, year: newest.year!, synthetic: true });
		await db.close();
		expect(JSON.parse(JSON.stringify(page))).toEqual(built);
		// The headline: households, persons, median living standard, poverty rate, for communes, group and département.
		expect(new Set(built.values.map((v) => v.indicator))).toEqual(new Set(['households', 'persons', 'median_living_standard', 'poverty_rate_60']));
		expect(built.values.some((v) => v.territory_type === 'group' && v.territory === built.group)).toBe(true);
	});
});
