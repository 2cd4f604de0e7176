/**
 * The vigie CLI's errors as a French user meets them (issue 21, items 6 and 7): a file or folder that cannot be
 * read, a command line parseArgs refuses, a `--set` outside its parameter's range. One French line on stderr,
 * `vigie <commande> : <chemin> : <raison>`, never a stack trace; exit 1, or 2 for a refused command line (then the
 * command's usage line). Expected lines are written by hand. The misuse cases of cli.test.ts are not repeated here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const d = mkdtempSync(join(tmpdir(), 'vigie-errors-'));
mkdirSync(join(d, 'dossier'));
writeFileSync(join(d, 'fichier.txt'), 'pas un dossier\n');
writeFileSync(join(d, 'vide.csv'), '');
writeFileSync(join(d, 'vide.json'), '');
// « Texte Unicode » of Windows: UTF-16 LE with its BOM, not UTF-8.
writeFileSync(join(d, 'utf16.json'), Buffer.from('\uFEFF{"persons_14_plus": 1}', 'utf16le'));
// A dataset folder whose households.csv is a folder.
mkdirSync(join(d, 'donnees-dossier', 'households.csv'), { recursive: true });
// For the permission cases: a file and a folder nobody may read, a dataset file nobody may read, a folder nobody may write.
writeFileSync(join(d, 'ferme.csv'), 'household_id\n');
chmodSync(join(d, 'ferme.csv'), 0o000);
mkdirSync(join(d, 'dossier-ferme'));
chmodSync(join(d, 'dossier-ferme'), 0o000);
mkdirSync(join(d, 'donnees-fermees'));
copyFileSync('tests/fixtures/households-small.csv', join(d, 'donnees-fermees', 'households.csv'));
chmodSync(join(d, 'donnees-fermees', 'households.csv'), 0o000);
mkdirSync(join(d, 'lecture-seule'));
chmodSync(join(d, 'lecture-seule'), 0o555);
afterAll(() => {
	for (const p of ['dossier-ferme', 'lecture-seule']) chmodSync(join(d, p), 0o755);
	rmSync(d, { recursive: true, force: true });
});

const HOUSEHOLD = 'tests/rules/fixtures/salarie-seul.json';
const at = (p: string) => join(d, p);

/** One French line on stderr, exit 1, nothing on stdout. */
function refuses(args: string[], line: string) {
	const r = vigie(...args);
	expect(r.stderr).toBe(`${line}\n`);
	expect(r.code).toBe(1);
	expect(r.stdout).toBe('');
}

describe('a file or a folder that cannot be read: one French line naming the path, exit 1', () => {
	it.each([
		// validate FICHIER
		[['validate', at('dossier'), '--kind', 'households'], `vigie validate : ${at('dossier')} : est un dossier, pas un fichier`],
		[['validate', at('vide.csv'), '--kind', 'households'], `vigie validate : ${at('vide.csv')} : fichier vide`],
		// indicators --data DOSSIER, --insee FICHIER
		[['indicators', '--data', at('absent')], `vigie indicators : ${at('absent')} : dossier introuvable`],
		[['indicators', '--data', at('fichier.txt')], `vigie indicators : ${at('fichier.txt')} : est un fichier, pas un dossier`],
		[['indicators', '--data', at('donnees-dossier')], `vigie indicators : ${at('donnees-dossier/households.csv')} : est un dossier, pas un fichier`],
		[['indicators', '--data', at('dossier')], `vigie indicators : ${at('dossier')} : aucun fichier households*.csv`],
		[['indicators', '--data', d, '--insee', at('absent.csv')], `vigie indicators : ${at('absent.csv')} : fichier introuvable`],
		[['indicators', '--data', d, '--insee', at('dossier')], `vigie indicators : ${at('dossier')} : est un dossier, pas un fichier`],
		[['indicators', '--data', d, '--insee', at('vide.csv')], `vigie indicators : ${at('vide.csv')} : fichier vide`],
		// simulate --data DOSSIER, --envelope-rule FICHIER
		[['simulate', '--data', at('absent'), '--scheme', 'elan'], `vigie simulate : ${at('absent')} : dossier introuvable`],
		[['simulate', '--data', at('fichier.txt'), '--scheme', 'elan'], `vigie simulate : ${at('fichier.txt')} : est un fichier, pas un dossier`],
		[
			['simulate', '--data', d, '--scheme', 'elan', '--envelope-rule', at('absent.csv')],
			`vigie simulate : ${at('absent.csv')} : fichier introuvable (--envelope-rule : same, per-household ou un fichier CSV commune;enveloppe)`
		],
		[['simulate', '--data', d, '--scheme', 'elan', '--envelope-rule', at('dossier')], `vigie simulate : ${at('dossier')} : est un dossier, pas un fichier`],
		[['simulate', '--data', d, '--scheme', 'elan', '--envelope-rule', at('vide.csv')], `vigie simulate : ${at('vide.csv')} : fichier vide`],
		// explain --household FICHIER.json
		[['explain', '--scheme', 'elan', '--household', at('dossier')], `vigie explain : ${at('dossier')} : est un dossier, pas un fichier`],
		[['explain', '--scheme', 'elan', '--household', at('vide.json')], `vigie explain : ${at('vide.json')} : fichier vide`],
		[['explain', '--scheme', 'elan', '--household', at('utf16.json')], `vigie explain : ${at('utf16.json')} : encodage illisible : UTF-8 attendu`],
		// generate --out DOSSIER, --filosofi FICHIER
		[['generate', '--out', at('fichier.txt')], `vigie generate : ${at('fichier.txt')} : est un fichier, pas un dossier`],
		[['generate', '--out', at('fichier.txt/sous')], `vigie generate : ${at('fichier.txt/sous')} : un élément du chemin n’est pas un dossier`],
		[['generate', '--out', at('sortie'), '--filosofi', at('absent.csv')], `vigie generate : ${at('absent.csv')} : fichier introuvable`],
		[['generate', '--out', at('sortie'), '--filosofi', at('dossier')], `vigie generate : ${at('dossier')} : est un dossier, pas un fichier`],
		[['generate', '--out', at('sortie'), '--filosofi', at('vide.csv')], `vigie generate : ${at('vide.csv')} : fichier vide`]
	])('%j', (args, line) => refuses(args, line));

	// As root, chmod 000 does not deny reading (nor 555 writing): these cases can only be seen as another user.
	it.skipIf(process.getuid?.() === 0).each([
		[['validate', at('ferme.csv'), '--kind', 'households'], `vigie validate : ${at('ferme.csv')} : accès refusé`],
		[['explain', '--scheme', 'elan', '--household', at('ferme.csv')], `vigie explain : ${at('ferme.csv')} : accès refusé`],
		[['indicators', '--data', d, '--insee', at('ferme.csv')], `vigie indicators : ${at('ferme.csv')} : accès refusé`],
		[['indicators', '--data', at('dossier-ferme')], `vigie indicators : ${at('dossier-ferme')} : accès refusé`],
		[['indicators', '--data', at('donnees-fermees')], `vigie indicators : ${at('donnees-fermees/households.csv')} : accès refusé`],
		[['simulate', '--data', at('donnees-fermees'), '--scheme', 'elan'], `vigie simulate : ${at('donnees-fermees/households.csv')} : accès refusé`],
		[['generate', '--out', at('lecture-seule')], `vigie generate : ${at('lecture-seule')} : accès refusé`],
		[['generate', '--out', at('lecture-seule/sous/dossier')], `vigie generate : ${at('lecture-seule/sous/dossier')} : accès refusé`]
	])('%j (permission)', (args, line) => refuses(args, line));
});

const USAGE = {
	generate: 'usage : vigie generate --out DOSSIER [--departement 93] [--sample 0.1] [--seed N] [--filosofi FICHIER] [--aid-years 2019-2025]',
	validate: 'usage : vigie validate FICHIER --kind households|aid_requests [--sheet FEUILLE] [--engine native|wasm]',
	indicators:
		'usage : vigie indicators --data DOSSIER [--communes C1,C2] [--year AAAA] [--format json|csv] [--min-rows 11] [--poverty-threshold national|local] [--aid-report] [--insee FICHIER] [--engine native|wasm]',
	explain: 'usage : vigie explain --scheme ID --household FICHIER.json [--set clé=valeur…] [--indexed [--year AAAA]]',
	schemes: 'usage : vigie schemes [ID]',
	simulate:
		'usage : vigie simulate --data DOSSIER --scheme ID [--set clé=valeur…] [--baseline ID] [--communes C1,C2] [--year AAAA] [--renewal-share 0..1] [--take-up 0..1] [--min-rows 11] [--envelope-rule same|per-household|FICHIER.csv] [--indexed] [--engine native|wasm]',
	'list-indicators': 'usage : vigie list-indicators'
};

describe('a command line parseArgs refuses: the option named in French, then the usage line, exit 2', () => {
	it.each([
		[['validate', '--foo', 'x'], 'vigie validate : option inconnue « --foo »', USAGE.validate],
		[['indicators', '--bogus'], 'vigie indicators : option inconnue « --bogus »', USAGE.indicators],
		[['generate', '-x'], 'vigie generate : option inconnue « -x »', USAGE.generate],
		[['list-indicators', '--tout'], 'vigie list-indicators : option inconnue « --tout »', USAGE['list-indicators']],
		[['simulate', '--data', d, '--scheme', 'elan', '--indexed=oui'], 'vigie simulate : l’option « --indexed » ne prend pas de valeur (reçu « oui »)', USAGE.simulate],
		[['explain', '--household', HOUSEHOLD, '--scheme'], 'vigie explain : l’option « --scheme » attend une valeur', USAGE.explain],
		[['indicators', '--data', '--format', 'csv'], 'vigie indicators : l’option « --data » attend une valeur', USAGE.indicators],
		[['validate', 'a.csv', 'b.csv', '--kind', 'households'], 'vigie validate : argument inattendu « b.csv » (un seul fichier à la fois)', USAGE.validate],
		[['schemes', 'elan', 'statut-rsa'], 'vigie schemes : argument inattendu « statut-rsa » (un seul dispositif à la fois)', USAGE.schemes],
		[['list-indicators', 'revenus'], 'vigie list-indicators : argument inattendu « revenus »', USAGE['list-indicators']]
	])('%j', (args, line, usage) => {
		const r = vigie(...args);
		expect(r.stderr).toBe(`${line}\n${usage}\n`);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
	});

	it.each(Object.entries(USAGE))('vigie %s --help prints the usage in French and exits 0', (command, usage) => {
		const r = vigie(command, '--help');
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout.split('\n')[0]).toBe(usage);
	});
});

describe('--set outside its parameter’s range, not a number, or unknown: one French line with the range, exit 1', () => {
	// The range is the parameter's min/max, else the simulator slider's (0 to 3 × the value): rav_max = 10 → 0 à 30.
	const simulate = (scheme: string, set: string) => ['simulate', '--data', d, '--scheme', scheme, '--set', set];
	it.each([
		[simulate('pre-saint-gervais', 'rav_max=900'), 'vigie simulate : --set rav_max=900 : dépasse le maximum, hors de l’intervalle autorisé (0 à 30 € par personne et par jour)'],
		[simulate('pre-saint-gervais', 'rav_max=-1'), 'vigie simulate : --set rav_max=-1 : sous le minimum, hors de l’intervalle autorisé (0 à 30 € par personne et par jour)'],
		[simulate('pre-saint-gervais', 'rav_max=dix'), 'vigie simulate : --set rav_max=dix : « dix » n’est pas un nombre (0 à 30 € par personne et par jour)'],
		[simulate('pre-saint-gervais', 'part_bons=1,5'), 'vigie simulate : --set part_bons=1,5 : dépasse le maximum, hors de l’intervalle autorisé (part de 0 à 1)'],
		[simulate('pre-saint-gervais', 'jours_par_mois=27'), 'vigie simulate : --set jours_par_mois=27 : sous le minimum, hors de l’intervalle autorisé (28 à 31 jours)'],
		[
			simulate('pre-saint-gervais', 'taux=3'),
			'vigie simulate : --set taux=3 : paramètre inconnu « taux » pour pre-saint-gervais ; paramètres : residence_min, rav_max, besoin_mois, plafond, plafond_exceptionnel, part_bons, enveloppe, jours_par_mois'
		],
		[simulate('elan', 'capacite=2,5'), 'vigie simulate : --set capacite=2,5 : un nombre entier est attendu (0 à 45 ménages)'],
		[simulate('elan', 'seuil_pauvrete=4000'), 'vigie simulate : --set seuil_pauvrete=4000 : dépasse le maximum, hors de l’intervalle autorisé (0 à 3\u202f450 € par unité de consommation et par mois)'],
		[simulate('la-rochelle', 'enveloppe=4000000'), 'vigie simulate : --set enveloppe=4000000 : dépasse le maximum, hors de l’intervalle autorisé (0 à 3\u202f600\u202f000 € par an)'],
		[simulate('la-rochelle', 'rav_max=40'), 'vigie simulate : --set rav_max=40 : dépasse le maximum, hors de l’intervalle autorisé (0 à 36 € par unité de consommation et par jour)'],
		[simulate('boulogne-billancourt', 'duree_mois=0'), 'vigie simulate : --set duree_mois=0 : sous le minimum, hors de l’intervalle autorisé (1 à 9 mois)'],
		[
			['explain', '--scheme', 'pre-saint-gervais', '--household', HOUSEHOLD, '--set', 'rav_max=30,5'],
			'vigie explain : --set rav_max=30,5 : dépasse le maximum, hors de l’intervalle autorisé (0 à 30 € par personne et par jour)'
		]
	])('%j', (args, line) => refuses(args, line));

	it('accepts the bounds themselves', () => {
		const r = vigie('explain', '--scheme', 'pre-saint-gervais', '--household', HOUSEHOLD, '--set', 'rav_max=30', '--set', 'part_bons=1');
		expect(r.code, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout).conditions.find((c: { id: string }) => c.id === 'rav').threshold).toBe(30);
	});
});
