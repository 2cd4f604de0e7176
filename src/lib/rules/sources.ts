/**
 * Sources as a user reads them: the rules cite their seed documents by file (an identifier the code keeps), and
 * a page or a report names the document instead (the names are those of shared/seeds/README.md).
 */
const DOCUMENTS: [file: string, name: string][] = [
	['000_720631fba63cd32f.txt', 'UNCCAS, fiche d’expérience « Redistribution d’aides facultatives en direction des travailleurs pauvres », CCAS du Pré-Saint-Gervais'],
	['001_af47afb2d0114c8f.txt', 'UNCCAS, fiche d’expérience « Lutter contre la paupérisation des familles avec le dispositif ELAN » (1er décembre 2008)'],
	['002_b6ad5844b7886a1e.txt', 'UNCCAS, fiche d’expérience « Parcours personnalisé en direction des travailleurs pauvres », CCAS de La Rochelle'],
	['003_9f28952484faa80e.txt', 'UNCCAS, fiche d’expérience « Accompagnement spécifique lié à l’aide alimentaire », CCAS de Boulogne-Billancourt'],
	['004_418039cb886b7fed.txt', 'UNCCAS, communiqué de presse du 29 novembre 2007 « L’UNCCAS et la DIIESES, partenaires dans l’expérimentation sociale »']
];

const NOTE = String.raw`(?:domain|DESIGN)\.md(?:\s*(?:§\s*[\d.]+|et|,)(?!\s*$))*`;
/** Project notes as written in the rules' sources, in the order they are rewritten. */
const REWRITES: [RegExp, string][] = [
	[/\s*\[S\d+\]/g, ''], // the domain notes' bibliography keys
	[/« Days per month: 30 unless a scheme says otherwise »/g, '30 jours par mois, sauf règle contraire du dispositif'],
	[new RegExp(String.raw`\s*\(${NOTE}\)`, 'g'), ''], // « (domain.md §10.2) »
	[/\s*\(§[\d.,\s§]+\)/g, ''], // « (§4.3) »
	[new RegExp(String.raw`,\s*${NOTE}`, 'g'), ''], // « …, domain.md §4.2 »
	[new RegExp(NOTE, 'g'), 'choix de Vigie (voir Méthodologie)'],
	[/research\/[\w./-]+(?:\s*§[\w.()]+)?/g, 'choix de Vigie (voir Méthodologie)']
];

/**
 * The text with each seed file replaced by its document, and the project's notes (« domain.md §10.2 »,
 * « DESIGN.md §5 », « research/… », bibliography keys) dropped or replaced by the page that explains Vigie's choices.
 */
export function userSource(text: string): string {
	let out = text;
	for (const [file, name] of DOCUMENTS) out = out.split(file).join(name);
	for (const [re, by] of REWRITES) out = out.replace(re, by);
	return out;
}
