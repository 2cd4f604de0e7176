/**
 * Property (seeded, no extra library): for random corruptions of a valid file — cut lines, swapped fields,
 * garbage bytes (any byte but the quote: an unmatched opening quote legitimately swallows the rest of a CSV),
 * a Windows-1252 re-encoding — the import never throws, read = loaded + rejected, and every line left intact loads.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { HOUSEHOLDS } from '#lib/data/schema.ts';
import { importFile } from '#lib/data/ingest/import.ts';
import { createRng } from '#lib/synth/random.ts';

let db: Connector;
beforeAll(async () => {
	db = await createNodeConnector();
});


const original = readFileSync('tests/fixtures/households-small.csv', 'utf8').trimEnd().split('\n');

describe('random corruptions of a valid file', () => {
	it('never throw, keep read = loaded + rejected, and load every intact line', async () => {
		for (let seed = 1; seed <= 25; seed++) {
			const rand = createRng(seed).next;
			const pick = (n: number) => Math.floor(rand() * n);
			const lines = [...original];
			const touched = new Set<number>();
			for (let k = 0, n = 1 + pick(3); k < n; k++) {
				const i = 1 + pick(lines.length - 1);
				touched.add(i);
				const l = lines[i];
				const kind = pick(3);
				if (kind === 0) lines[i] = l.slice(0, pick(l.length));
				else if (kind === 1) {
					const f = l.split(',');
					const [a, b] = [pick(f.length), pick(f.length)];
					[f[a], f[b]] = [f[b], f[a]];
					lines[i] = f.join(',');
					if (lines[i] === l) touched.delete(i);
				} else {
					const junk = Array.from({ length: 1 + pick(4) }, () => {
						let c = pick(256);
						if (c === 34) c = 35;
						return String.fromCharCode(c);
					}).join('');
					const at = pick(l.length + 1);
					lines[i] = l.slice(0, at) + junk + l.slice(at);
				}
			}
			const text = lines.join(seed % 2 ? '\n' : '\r\n') + '\n';
			const data = seed % 3 === 0 ? Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63))) : new TextEncoder().encode(text);
			const { report: r } = await importFile(db, HOUSEHOLDS, { name: `corrompu-${seed}.csv`, data });
			expect(r.read, `seed ${seed}`).toBe(r.loaded + r.rejected);
			if (r.fatal) continue;
			const intact = original.map((l, i) => (i > 0 && !touched.has(i) ? l.split(',')[0] : null)).filter((x) => x !== null);
			const loaded = new Set((await db.query<{ id: string }>('SELECT household_id AS id FROM households')).map((x) => x.id));
			for (const id of intact) expect(loaded.has(id), `seed ${seed}: ${id}`).toBe(true);
		}
	}, 120_000);
});
