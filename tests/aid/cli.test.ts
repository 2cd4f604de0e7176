/** `vigie indicators --aid-report` prints the Aides page's figures, the same as aidReport in-process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { aidReport } from '#lib/aid/report.ts';

// 12 granted food vouchers of 100 € in March 2023 at Le Pré-Saint-Gervais, 1 refused.
const REQUESTS =
	'request_id,commune,scheme,date_request,date_decision,aid_type,form,amount_granted,decision\n' +
	Array.from({ length: 12 }, (_, i) => `g${i},93061,pre-saint-gervais,2023-03-0${1 + (i % 9)},2023-03-20,food,voucher,100,granted`).join('\n') +
	'\nr1,93061,other,2023-03-02,2023-03-04,cash,cash,0,refused\n';
const HOUSEHOLDS =
	'household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure\nH1,2023,93061,1,0,single,30,employed,owner\n';

describe('vigie indicators --aid-report', () => {
	it('gives the same report as the page’s functions', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-aid-cli-'));
		writeFileSync(join(dir, 'households-2023.csv'), HOUSEHOLDS);
		writeFileSync(join(dir, 'aid_requests.csv'), REQUESTS);
		const r = spawnSync(process.execPath, ['src/cli/vigie.ts', 'indicators', '--data', dir, '--communes', '93061', '--aid-report'], { encoding: 'utf8' });
		expect(r.status, r.stderr).toBe(0);
		const printed = JSON.parse(r.stdout);
		const db = await createNodeConnector();
		await loadFolder(db, dir);
		const expected = await aidReport(db, { communes: ['93061'], from: 2023, to: 2023 });
		await db.close();
		expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
		// 13 requests, 12 granted (1 200 € spent of the 12 000 € envelope); 1 refused: secret, and the 12 grants
		// with it (13 − 12 would give it back).
		expect(printed.activity.requests.value).toBe(13);
		expect(printed.activity.granted.suppressed).toBe(true);
		expect(printed.activity.refused.suppressed).toBe(true);
		expect(printed.envelope[0].spent.value).toBe(1200);
	});
});
