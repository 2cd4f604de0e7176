/** Each command's usage line and what it does, in French: `vigie --help`, `vigie <commande> --help`, and after a bad option. */

const ENGINE = '[--engine native|wasm]';

export const COMMANDS = {
	generate: {
		usage: 'vigie generate --out DOSSIER [--departement 93] [--sample 0.1] [--seed N] [--filosofi FICHIER] [--aid-years 2019-2025]',
		summary: 'écrit un jeu de données synthétique (households.csv, aid_requests.csv, manifest.json) dans DOSSIER'
	},
	validate: {
		usage: `vigie validate FICHIER --kind households|aid_requests [--sheet FEUILLE] ${ENGINE}`,
		summary: 'vérifie un fichier (CSV, XLSX, Parquet, Arrow) contre son contrat et donne chaque ligne rejetée'
	},
	indicators: {
		usage: `vigie indicators --data DOSSIER [--communes C1,C2] [--year AAAA] [--format json|csv] [--min-rows 11] [--poverty-threshold national|local] [--aid-report] [--insee FICHIER] ${ENGINE}`,
		summary: 'calcule les indicateurs du catalogue sur un dossier de données, suivis des chiffres publiés par l’INSEE'
	},
	explain: {
		usage: 'vigie explain --scheme ID --household FICHIER.json [--set clé=valeur…] [--indexed [--year AAAA]]',
		summary: 'un ménage, un dispositif : décision, montant, reste à vivre et chaque condition'
	},
	schemes: {
		usage: 'vigie schemes [ID]',
		summary: 'les dispositifs et leurs paramètres (les clés de --set)'
	},
	simulate: {
		usage: `vigie simulate --data DOSSIER --scheme ID [--set clé=valeur…] [--baseline ID] [--communes C1,C2] [--year AAAA] [--renewal-share 0..1] [--take-up 0..1] [--min-rows 11] [--envelope-rule same|per-household|FICHIER.csv] [--indexed] ${ENGINE}`,
		summary: 'un dispositif aux paramètres modifiés comparé à une référence sur un territoire des données'
	},
	'list-indicators': {
		usage: 'vigie list-indicators',
		summary: 'le catalogue des indicateurs'
	}
} as const;

export type Command = keyof typeof COMMANDS;

export const isCommand = (c: string | undefined): c is Command => c !== undefined && Object.hasOwn(COMMANDS, c);

export const ENGINE_HELP =
	'  --engine : native (défaut, DuckDB natif) ou wasm (DuckDB-wasm, le moteur du navigateur : même SQL, mêmes nombres)';

/** `vigie <commande> --help`. */
export function commandHelp(c: Command): string {
	const { usage, summary } = COMMANDS[c];
	return `usage : ${usage}\n  ${summary}\n${usage.includes('--engine') ? ENGINE_HELP + '\n' : ''}`;
}

/** `vigie --help`. */
export const HELP = `vigie — analyse des besoins sociaux, aides facultatives

${Object.values(COMMANDS)
	.map((c) => `  ${c.usage}\n      ${c.summary}`)
	.join('\n')}

${ENGINE_HELP}
  vigie <commande> --help : l’aide d’une commande
`;
