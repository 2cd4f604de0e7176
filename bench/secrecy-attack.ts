/**
 * The differencing attack of issue 21 on real-looking data (scripts/attack-data.ts: 93 at 1/20, 93015 cut to 5
 * households and 6 requests, no manifest): how many of the small commune's secret cells a group minus a commune,
 * or the département minus the published communes, gives back; and what secrecy costs (commune cells hidden).
 * Prints counts, not timings: `node bench/secrecy-attack.ts [--keep DIR]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFolder } from '../src/lib/data/folder.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { INDICATORS } from '../src/lib/indicators/catalogue.ts';
import { runIndicators, type IndicatorValue } from '../src/lib/indicators/run.ts';
import { buildAttackData, SMALL } from '../scripts/attack-data.ts';
import { boundsToTheCent, recoveredCells, recoveredSimulatorFields } from '../scripts/attack-measure.ts';
import { fetchScenarioData } from '../src/lib/scenario/load.ts';
import { resolveScenario } from '../src/lib/scenario/spec.ts';
import { publishSimulation } from '../scripts/attack-simulate.ts';

const keep = process.argv.indexOf('--keep');
const dir = keep > 0 ? process.argv[keep + 1] : mkdtempSync(join(tmpdir(), 'vigie-attack-'));
if (keep < 0 || !process.argv[keep + 2]) buildAttackData(dir);
const db = await createNodeConnector();
await loadFolder(db, dir);
const year = 2023;
const plain = await runIndicators(db, { year });
const group = await runIndicators(db, { year, group: { code: 'G', communes: [SMALL, '93001'] } });
const rec = recoveredCells(plain, group, SMALL, '93001');
const communeCells = plain.filter((x) => x.territory_type === 'commune');
const hidden = communeCells.filter((x) => x.suppressed).length;
console.log(`indicateurs ${year} : cellules secrètes de ${SMALL} : ${rec.secret} ; retrouvées par différence : ${rec.recovered} (groupe − 93001 : ${rec.byGroup}, département − communes : ${rec.byDepartement})`);
console.log(`cellules communales masquées : ${hidden} sur ${communeCells.length} (${INDICATORS.length} indicateurs) ; hors ${SMALL} : ${communeCells.filter((x) => x.suppressed && x.territory !== SMALL).length}`);
// The simulator: {93015, 93001} minus {93001}, as `vigie simulate --communes` gives them.
const r = resolveScenario({ scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: {} });
const data = await fetchScenarioData(db, { year });
const both = publishSimulation(data, [SMALL, '93001'], r);
const one = publishSimulation(data, ['93001'], r);
console.log(`simulateur : champs des ventilations retrouvés par différence : ${recoveredSimulatorFields(both, one)} ; bornes de déciles au centime : ${boundsToTheCent(both) + boundsToTheCent(one)}`);
await db.close();
if (keep < 0) rmSync(dir, { recursive: true });
