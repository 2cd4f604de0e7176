/**
 * Fuzz (issue 8 item 4, seeded): random and mutated files over every importer and the CLI `validate` —
 * truncated, binary garbage, huge fields, wrong encodings, 10 000 columns. Nothing throws, a refused file
 * gets a French message, and read = loaded + rejected always.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { HOUSEHOLDS } from '#lib/data/schema.ts';
import { importFile } from '#lib/data/ingest/import.ts';
import { tableCsv, tableParquet, tableXlsx, type ExportTable } from '#lib/data/export.ts';

let db: Connector;
const seeds: Array<[string, Uint8Array]> = [];
beforeAll(async () => {
	db = await createNodeConnector();
	const csv = readFileSync('tests/fixtures/households-small.csv', 'utf8');
	const [head, ...rows] = csv.trimEnd().split('\n');
	const t: ExportTable = { columns: head.split(','), rows: rows.map((r) => r.split(',')) };
	seeds.push(
		['csv', new TextEncoder().encode(csv)],
		['csv-fr', new TextEncoder().encode(tableCsv(t))],
		['parquet', await tableParquet(t)],
		['xlsx', new Uint8Array(await (await tableXlsx(t)).arrayBuffer())]
	);
});

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/** One random mutation of a file's bytes. */
function mutate(bytes: Uint8Array, r: () => number): [string, Uint8Array] {
	const pick = (n: number) => Math.floor(r() * n);
	const out = new Uint8Array(bytes);
	switch (pick(5)) {
		case 0:
			return ['tronqué', out.slice(0, pick(out.length))];
		case 1: {
			for (let k = 0, n = 1 + pick(20); k < n; k++) out[pick(out.length)] = pick(256);
			return ['octets aléatoires', out];
		}
		case 2: {
			const at = pick(out.length);
			const junk = Uint8Array.from({ length: 1 + pick(2000) }, () => pick(256));
			return ['octets insérés', new Uint8Array([...out.slice(0, at), ...junk, ...out.slice(at)])];
		}
		case 3:
			return ['bloc effacé', new Uint8Array([...out.slice(0, pick(out.length)), ...out.slice(pick(out.length))])];
		default:
			return ['pur bruit', Uint8Array.from({ length: pick(5000) }, () => pick(256))];
	}
}

const FRENCH = /fichier|colonne|en-tête|feuille/;

async function check(name: string, data: Uint8Array | string) {
	const { report: r } = await importFile(db, HOUSEHOLDS, { name, data });
	expect(r.read, name).toBe(r.loaded + r.rejected);
	if (r.fatal) expect(r.fatal, name).toMatch(FRENCH);
	for (const e of r.errors) expect(e.reason, name).toMatch(/[a-zé]/);
	return r;
}

describe('fuzzed files never crash the import', () => {
	it('mutated CSV, French CSV, Parquet and XLSX files', async () => {
		const r = rng(2026);
		for (const [format, bytes] of seeds)
			for (let k = 0; k < 5; k++) {
				const [how, data] = mutate(bytes, r);
				await check(`${format} ${how} ${k}`, data);
			}
	}, 60_000);

	it('huge fields, wrong encodings, 10 000 columns', async () => {
		const valid = readFileSync('tests/fixtures/households-small.csv', 'utf8');
		const [head, first] = valid.split('\n');
		const huge = await check('champ énorme', `${head}\n${first.replace(/^[^,]*/, 'x'.repeat(2_000_000))}\n`);
		expect([huge.read, huge.loaded]).toEqual([1, 1]);
		const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...valid].map((c) => c.charCodeAt(0))).buffer)]);
		const u = await check('utf16.csv', utf16);
		expect(u.fatal).toBe('utf16.csv : fichier en UTF-16 (« Texte Unicode » d’Excel), non pris en charge : enregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) » (fichier refusé en entier)');
		const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
		const w = await check('large.csv', `${head},${wide.join(',')}\n${first},${wide.map(() => '1').join(',')}\n`);
		expect([w.read, w.loaded]).toEqual([1, 1]);
		expect(w.warnings[0]).toMatch(/^colonnes inconnues ignorées : c0, c1, .* et 9980 autres$/);
		const onlyWide = await check('que-des-colonnes.csv', `${wide.join(';')}\n${wide.join(';')}\n`);
		expect(onlyWide.fatal).toMatch(/colonne obligatoire absente/);
	}, 60_000);

	it('the CLI answers a garbage file and a truncated workbook in French, without a stack trace', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-fuzz-'));
		const r = rng(7);
		writeFileSync(join(dir, 'bruit.csv'), Uint8Array.from({ length: 3000 }, () => Math.floor(r() * 256)));
		writeFileSync(join(dir, 'coupe.xlsx'), seeds[3][1].slice(0, 300));
		for (const f of ['bruit.csv', 'coupe.xlsx']) {
			const p = spawnSync(process.execPath, ['src/cli/vigie.ts', 'validate', join(dir, f), '--kind', 'households'], { encoding: 'utf8' });
			expect(p.status, f).toBe(1);
			const out = JSON.parse(p.stdout);
			expect(out.read).toBe(out.loaded + out.rejected);
			expect(p.stderr).toMatch(/^vigie validate : .*(fichier|colonne)/);
			expect(p.stderr).not.toMatch(/\n\s+at /);
		}
	});
});
