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
import { boundsToTheCent, recoveredAidCells, recoveredCells, recoveredSimulatorFields } from '../scripts/attack-measure.ts';
import { aidReport } from '../src/lib/aid/report.ts';
import { distribution } from '../src/lib/indicators/distribution.ts';
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
// The Aides page: {93015, 93001} minus {93001}, and 93001's 2022–2023 minus 2022, against what the part hides alone.
const aidOf = (communes: string[], from: number, to: number) => aidReport(db, { communes, from, to });
const aidPair = recoveredAidCells(await aidOf([SMALL, '93001'], 2023, 2023), await aidOf(['93001'], 2023, 2023), await aidOf([SMALL], 2023, 2023));
const aidYears = recoveredAidCells(await aidOf(['93001'], 2022, 2023), await aidOf(['93001'], 2022, 2022), await aidOf(['93001'], 2023, 2023));
console.log(`aides : chiffres masqués retrouvés par différence : ${aidPair} (paire − commune), ${aidYears} (deux ans − un an)`);
// Histograms of living standard: bins of the pair that differ from 93001's, both shown.
const bins = async (communes: string[]) => distribution(db, { measure: 'living_standard', year, communes });
const [hb, ho] = [await bins([SMALL, '93001']), await bins(['93001'])];
const other = new Map(ho.map((b) => [b.x0, b]));
const leaking = hb.filter((b) => !b.suppressed && other.get(b.x0) && !other.get(b.x0)!.suppressed && b.weight !== other.get(b.x0)!.weight).length;
console.log(`histogrammes : classes de la paire qui diffèrent de celles de 93001 (les deux affichées) : ${leaking} ; classes masquées de la paire : ${hb.filter((b) => b.suppressed).length} sur ${hb.length}`);
await db.close();
if (keep < 0) rmSync(dir, { recursive: true });
