/**
 * The real-looking dataset of the secrecy attack (issue 21): the generator's 93 at 1/20, seed 7, with one
 * commune (93015) cut to 5 households a year and 6 aid requests, and no manifest, so that nothing marks it
 * synthetic. Used by tests/secrecy-attack.test.ts and bench/secrecy-attack.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SMALL = '93015';

/** Keeps, of `commune`'s lines, those `keep(line, seenOfThisCommune)` accepts; other communes untouched. */
function cut(path: string, commune: string, keep: (cells: string[], seen: number) => boolean): void {
	const lines = readFileSync(path, 'utf8').split('\n');
	const head = lines[0].split(',');
	const at = head.indexOf('commune');
	const seen = new Map<string, number>();
	const out = [lines[0]];
	for (const line of lines.slice(1)) {
		if (!line) continue;
		const cells = line.split(',');
		if (cells[at] !== commune) {
			out.push(line);
			continue;
		}
		const k = head.includes('year') ? cells[head.indexOf('year')] : '';
		const n = seen.get(k) ?? 0;
		if (keep(cells, n)) (out.push(line), seen.set(k, n + 1));
	}
	writeFileSync(path, out.join('\n') + '\n');
}

export function buildAttackData(dir: string, opts: { sample?: number; seed?: number } = {}): string {
	execFileSync(process.execPath, ['src/cli/vigie.ts', 'generate', '--out', dir, '--departement', '93', '--sample', String(opts.sample ?? 0.05), '--seed', String(opts.seed ?? 7)], {
		stdio: 'ignore'
	});
	rmSync(join(dir, 'manifest.json'));
	const hh = join(dir, 'households.csv');
	cut(hh, SMALL, (_, seen) => seen < 5);
	const kept = new Set<string>();
	for (const line of readFileSync(hh, 'utf8').split('\n')) if (line.includes(`,${SMALL},`)) kept.add(line.split(',')[0]);
	// Six requests in all, from the households kept (2023 first, as the attack asks about 2023).
	const rq = join(dir, 'aid_requests.csv');
	const lines = readFileSync(rq, 'utf8').split('\n');
	const head = lines[0].split(',');
	const isSmall = (c: string[]) => c[head.indexOf('commune')] === SMALL;
	const chosen = new Set(
		lines
			.slice(1)
			.filter(Boolean)
			.map((l) => l.split(','))
			.filter((c) => isSmall(c) && c[head.indexOf('date_request')].startsWith('2023'))
			.slice(0, 6)
			.map((c) => c[0])
	);
	cut(rq, SMALL, (c) => chosen.has(c[0]));
	return dir;
}
