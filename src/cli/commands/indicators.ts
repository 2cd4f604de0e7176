/**
 * vigie indicators: the catalogue over a dataset folder, in the output contract of DESIGN.md §6, followed by
 * INSEE's published figures for the same territories, as the Indicateurs page shows them. Every row says
 * where it comes from (`source`): `computed` from the local data, or `insee` as published (Filosofi 2021;
 * no numerator or denominator; a secret cell stays null and suppressed).
 * On a folder whose manifest.json says synthetic (written by `vigie generate`), secrecy is computed as on real
 * data but the values it would hide are printed, `suppressed: false`, `would_be_secret: true` (a column of the CSV
 * too); every other folder, a generated one whose manifest was deleted included, gets secrecy applied. One line
 * on stderr says which.
 */
import { join } from 'node:path';
import { loadFolder } from '../../lib/data/folder.ts';
import { runIndicators, type IndicatorValue } from '../../lib/indicators/run.ts';
import { parseFilosofi, type FilosofiTable } from '../../lib/references/filosofi.ts';
import { assertBaseCc, referenceValues } from '../../lib/references/insee-values.ts';
import { publishedReferences } from '../../lib/references/published.ts';
import { departementGeography } from '../../lib/territory/etalab.ts';
import { toCsv } from '../../lib/synth/csv.ts';
import { dataFolder, parseOptions, print, readInput, refusedFile, rejectedLine, toUsage, UsageError } from '../common.ts';
import { SECRECY_MIN_ROWS } from '../../lib/indicators/secrecy.ts';
import { ENGINE_OPTION, openConnector } from '../engine.ts';
import { aidReport, aidYears } from '../../lib/aid/report.ts';
import { aidTables, exportRows, MARK_LEGEND } from '../../lib/aid/tables.ts';

export async function cmdIndicators(args: string[]): Promise<number> {
	const { values } = parseOptions({
		args,
		options: {
			data: { type: 'string' },
			communes: { type: 'string' },
			year: { type: 'string' },
			format: { type: 'string', default: 'json' },
			// Extensions of the contract (DESIGN.md §4.1): secrecy threshold and local poverty threshold.
			'min-rows': { type: 'string' },
			'poverty-threshold': { type: 'string', default: 'national' },
			// The Aides page's tables (aid theme, issue 7) for --communes (all CCAS by default) and --year (all years by default).
			'aid-report': { type: 'boolean', default: false },
			// INSEE's commune base-cc file (cc_filosofi_2021_COM.csv), as the page's « Référence INSEE » import.
			insee: { type: 'string' },
			...ENGINE_OPTION
		}
	});
	if (!values.data) throw new UsageError('--data DOSSIER est obligatoire');
	if (!['json', 'csv'].includes(values.format!)) throw new UsageError(`--format json ou csv (reçu « ${values.format} »)`);
	// Read before DuckDB starts: a wrong reference file fails at once.
	const insee = values.insee === undefined ? null : readReference(values.insee);
	dataFolder(values.data);
	const db = await openConnector(values.engine);
	let report;
	try {
		report = await loadFolder(db, values.data);
	} catch (e) {
		throw toUsage(e);
	}
	for (const r of report.files) {
		if (r.fatal) throw refusedFile(values.data, r.file, r.fatal);
		if (r.rejected)
			process.stderr.write(rejectedLine('indicators', values.data, r));
	}
	let year: number | undefined;
	if (values.year) {
		year = Number(values.year);
		if (!Number.isInteger(year)) throw new UsageError(`--year doit être une année (reçu « ${values.year} »)`);
	}
	const communes = values.communes?.split(',').map((c) => c.trim()).filter(Boolean);
	for (const c of communes ?? [])
		if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) throw new UsageError(`--communes : code commune invalide « ${c} »`);
	const minRows = values['min-rows'] === undefined ? undefined : Number(values['min-rows']);
	if (minRows !== undefined && !(Number.isInteger(minRows) && minRows >= 1))
		throw new UsageError(`--min-rows doit être un entier ≥ 1 (reçu « ${values['min-rows']} »)`);
	const poverty = values['poverty-threshold'];
	if (poverty !== 'national' && poverty !== 'local')
		throw new UsageError(`--poverty-threshold national ou local (reçu « ${poverty} »)`);
	const synthetic = report.synthetic === true;
	if (values['aid-report']) {
		const years = await aidYears(db);
		if (!years.length) throw new UsageError('--aid-report : aucune demande d’aide dans les données');
		const aid = await aidReport(db, { communes: communes ?? [], from: year ?? years[0], to: year ?? years[years.length - 1] }, { synthetic });
		secrecyNotice(synthetic, SECRECY_MIN_ROWS, 'ménages (ou demandes)');
		// JSON: typed figures (value null + suppressed when secret); CSV: the page's tables, one after the other,
		// a marked cell followed by « ◌ » and the legend under its table.
		if (values.format === 'csv')
			process.stdout.write(
				aidTables(aid)
					.map((t) => {
						const rows = exportRows(t).map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
						return `# ${t.title}\n${toCsv(t.header, rows)}${t.marked ? `# ${MARK_LEGEND}\n` : ''}`;
					})
					.join('\n')
			);
		else print(aid);
		return 0;
	}
	// Only what the data holds: a commune or a year it lacks is named, with what exists (DESIGN.md §6).
	const held = await db.query<{ commune: string; year: number }>('SELECT DISTINCT commune, year::INTEGER AS year FROM households ORDER BY 1, 2');
	const heldCommunes = [...new Set(held.map((h) => h.commune))];
	const heldYears = [...new Set(held.map((h) => Number(h.year)))].sort((a, b) => a - b);
	const absent = (communes ?? []).filter((c) => !heldCommunes.includes(c));
	if (absent.length) throw new UsageError(`--communes : ${absent.map((c) => `« ${c} »`).join(', ')} absente(s) des données ; communes : ${listed(heldCommunes)}`);
	if (year !== undefined && !heldYears.includes(year)) throw new UsageError(`--year ${year} : aucun ménage de cette année dans les données ; années : ${heldYears.join(', ')}`);
	const all = await runIndicators(db, {
		year,
		group: communes?.length ? { code: communes.join('+'), communes } : undefined,
		minRows,
		poverty,
		synthetic
	});
	// --communes: those communes, their group, the département and France (the secrecy was decided on all of them).
	const computed = communes?.length ? all.filter((r) => r.territory_type !== 'commune' || communes.includes(r.territory)) : all;
	secrecyNotice(synthetic, minRows ?? SECRECY_MIN_ROWS, 'ménages');
	const rows = [...computed.map((r) => ({ ...r, source: 'computed' })), ...references(computed, insee).map((r) => ({ ...r, source: 'insee' }))];
	// The contract's columns (DESIGN.md §6), the synthetic mark where there is one, the source; never a key of one row only.
	const columns = ['indicator', 'territory', 'territory_type', 'year', 'value', 'numerator', 'denominator', 'unit', 'suppressed', ...(synthetic ? ['would_be_secret'] : []), 'source'];
	if (values.format === 'csv') process.stdout.write(toCsv(columns, rows));
	else print(rows);
	return 0;
}

/** Codes in a message: the first 12, then how many more. */
const listed = (codes: readonly string[]) => (codes.length > 12 ? `${codes.slice(0, 12).join(', ')}… (${codes.length})` : codes.join(', '));

/** Which secrecy rule the output follows, in one line (the same words as the pages' legend). */
function secrecyNotice(synthetic: boolean, minRows: number, unit: string): void {
	process.stderr.write(
		synthetic
			? 'vigie indicators : données synthétiques (manifest.json du générateur) : les valeurs que le secret masquerait sur des données réelles sont données, marquées would_be_secret\n'
			: `vigie indicators : secret statistique appliqué : moins de ${minRows} ${unit} (au dénominateur ou au numérateur), valeur qu’un total révélerait, ou groupe qui contiendrait une partie des communes sous le secret (null, suppressed)\n`
	);
}

function readReference(file: string): FilosofiTable {
	try {
		return assertBaseCc(parseFilosofi(new TextDecoder().decode(readInput(file))));
	} catch (e) {
		if (e instanceof UsageError) throw e;
		throw new UsageError(`${file} : ${(e as Error).message}`);
	}
}

/**
 * The published figures beside the computed territories, as on the page: the commune file's values for
 * the communes in the data (former communes folded into their current one), then the départements' and
 * France métropolitaine's Filosofi 2021 figures.
 */
function references(computed: readonly IndicatorValue[], insee: FilosofiTable | null): IndicatorValue[] {
	const codes = (type: string) => [...new Set(computed.filter((r) => r.territory_type === type).map((r) => r.territory))];
	const departements = codes('departement');
	const communes = insee
		? referenceValues(insee, {
				codes: [...codes('commune'), ...departements],
				formerCodes: Object.assign({}, ...departements.map((d) => departementGeography(d).formerCodes))
			})
		: [];
	return [...communes, ...publishedReferences(departements)];
}

