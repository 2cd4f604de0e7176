/**
 * French headers and values beside the contracts of schema.ts: what a CCAS export calls each column, and
 * the French spellings of enum values. Headers and values are compared after `normalize` (lower case, no
 * accents, runs of spaces, hyphens, dots and apostrophes → one `_` for headers, one space for values).
 * The first header alias of a column is the one the template file uses.
 */
import type { Kind } from './schema.ts';

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export const normalizeHeader = (s: string) =>
	stripAccents(s.trim().toLowerCase())
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');

export const normalizeValue = (s: string) =>
	stripAccents(s.trim().toLowerCase())
		.replace(/[\s\-_'’.()/]+/g, ' ')
		.trim();

export const HEADER_ALIASES: Record<Kind, Record<string, readonly string[]>> = {
	households: {
		household_id: ['identifiant', 'id', 'id_menage', 'identifiant_menage', 'num_menage', 'numero_menage', 'menage'],
		year: ['annee', 'annee_revenus', 'annee_reference', 'millesime', 'an'],
		commune: ['code_commune', 'codgeo', 'code_insee', 'insee', 'depcom', 'code_commune_insee', 'com'],
		iris: ['code_iris'],
		weight: ['poids', 'ponderation', 'poids_sondage'],
		persons_14_plus: ['nb_adultes', 'adultes', 'nb_14_ans_et_plus', 'nb_personnes_14_ans_et_plus', 'nb_plus_14'],
		persons_under_14: ['nb_enfants_moins_14', 'nb_enfants_moins_14_ans', 'enfants_moins_14', 'nb_moins_14', 'nb_enfants'],
		family_type: ['type_menage', 'composition_familiale', 'composition', 'type_famille'],
		age_ref: ['age', 'age_reference', 'age_demandeur', 'age_personne_reference'],
		activity_ref: ['activite', 'situation_professionnelle', 'statut_activite'],
		contract_ref: ['contrat', 'type_contrat'],
		part_time_ref: ['temps_partiel'],
		workers: ['nb_actifs_occupes', 'nb_actifs', 'actifs_occupes'],
		recent_job_loss: ['perte_emploi', 'perte_emploi_recente'],
		tenure: ['statut_logement', 'statut_occupation', 'logement', 'occupation'],
		years_in_commune: ['anciennete_commune', 'anciennete', 'annees_commune'],
		social_followup: ['suivi_social', 'accompagnement_social'],
		overindebted: ['surendettement'],
		income_work: ['revenus_activite', 'revenu_activite', 'salaires', 'salaire'],
		income_unemployment: ['allocations_chomage', 'chomage', 'are'],
		income_pension: ['retraites', 'retraite', 'pensions', 'pension_retraite'],
		income_other: ['autres_revenus'],
		benefit_rsa: ['rsa'],
		benefit_activity: ['prime_activite', 'ppa'],
		benefit_family: ['prestations_familiales', 'allocations_familiales'],
		benefit_housing: ['apl', 'aide_logement', 'aides_logement', 'al'],
		benefit_disability: ['aah'],
		benefit_old_age: ['aspa', 'minimum_vieillesse'],
		charge_rent: ['loyer', 'loyer_brut'],
		charge_energy: ['energie'],
		charge_water: ['eau'],
		charge_insurance: ['assurances', 'assurance'],
		charge_health: ['sante', 'mutuelle'],
		charge_debt: ['remboursements_dettes', 'dettes', 'credits'],
		charge_childcare: ['garde_enfants', 'frais_garde'],
		charge_alimony: ['pension_alimentaire'],
		charge_transport: ['transport', 'transports'],
		charge_tax: ['impots', 'impot'],
		charge_other: ['autres_charges']
	},
	aid_requests: {
		request_id: ['identifiant', 'id_demande', 'identifiant_demande', 'num_demande', 'numero_demande', 'id'],
		household_id: ['id_menage', 'identifiant_menage', 'menage'],
		commune: ['code_commune', 'codgeo', 'code_insee', 'commune_ccas', 'insee'],
		scheme: ['dispositif'],
		date_request: ['date_demande', 'date_de_demande'],
		date_decision: ['date_decision', 'date_de_decision'],
		aid_type: ['type_aide', 'nature_aide', 'nature'],
		form: ['forme', 'forme_aide'],
		amount_requested: ['montant_demande'],
		amount_granted: ['montant_accorde'],
		decision: ['decision'],
		renewal_rank: ['rang_renouvellement', 'renouvellement'],
		referrer: ['orienteur', 'prescripteur', 'orientation'],
		outcome_6m: ['situation_6_mois', 'situation_a_6_mois']
	}
};

/**
 * Total household size: not a contract column, but a CCAS export often has it instead of the adults. When
 * persons_14_plus is absent, it is derived as nb_personnes − persons_under_14 (said in the mapping).
 */
export const TOTAL_PERSONS_ALIASES = ['nb_personnes', 'nombre_personnes', 'taille_menage', 'nb_personnes_menage'];

const V = (canonical: string, ...spellings: string[]) => spellings.map((s) => [s, canonical] as const);

/** Enum column → normalized French spelling → canonical value (canonical values match in any case). */
export const VALUE_ALIASES: Record<string, ReadonlyMap<string, string>> = {
	family_type: new Map([
		...V('single', 'personne seule', 'seul', 'seule', 'isole', 'isolee'),
		...V('couple', 'couple sans enfant', 'couple sans enfants'),
		...V('couple_children', 'couple avec enfant', 'couple avec enfants', 'couple avec enfant s'),
		...V('single_parent', 'famille monoparentale', 'monoparentale', 'monoparental', 'parent isole', 'parent seul'),
		...V('other', 'autre', 'menage complexe', 'autres')
	]),
	activity_ref: new Map([
		...V('employed', 'salarie', 'salariee', 'en emploi', 'actif occupe', 'active occupee', 'emploi', 'actif', 'active'),
		...V('unemployed', 'chomeur', 'chomeuse', 'au chomage', 'chomage', 'demandeur d emploi', 'demandeuse d emploi', 'sans emploi'),
		...V('retired', 'retraite', 'retraitee'),
		...V('student', 'etudiant', 'etudiante', 'eleve'),
		...V('inactive', 'inactif', 'inactive', 'sans activite', 'au foyer')
	]),
	contract_ref: new Map([
		...V('permanent', 'cdi', 'fonctionnaire', 'titulaire'),
		...V('fixed_term', 'cdd', 'contrat aide'),
		...V('temp_agency', 'interim', 'interimaire'),
		...V('self_employed', 'independant', 'independante', 'auto entrepreneur', 'micro entrepreneur'),
		...V('none', 'aucun', 'sans', 'sans contrat', 'neant')
	]),
	tenure: new Map([
		...V('social_rent', 'locataire hlm', 'hlm', 'locataire parc social', 'locataire social', 'logement social', 'locataire du parc social'),
		...V('private_rent', 'locataire', 'locataire prive', 'locataire parc prive', 'locataire du parc prive'),
		...V('owner', 'proprietaire', 'proprietaire occupant', 'accedant'),
		...V('hosted', 'heberge', 'hebergee', 'hebergement', 'heberge chez un tiers', 'hebergee chez un tiers'),
		...V('no_home', 'sans domicile', 'sans logement', 'sdf', 'sans domicile fixe')
	]),
	overindebted: new Map([
		...V('none', 'non', 'aucun', 'sans'),
		...V('observed', 'constate', 'observe', 'oui'),
		...V('file', 'dossier', 'dossier depose', 'dossier de surendettement', 'dossier bdf')
	]),
	aid_type: new Map([
		...V('food', 'alimentaire', 'aide alimentaire'),
		...V('cash', 'secours', 'aide financiere', 'secours financier'),
		...V('bill_energy', 'energie', 'facture energie', 'facture d energie'),
		...V('bill_rent', 'loyer', 'impaye de loyer', 'facture loyer'),
		...V('microcredit', 'microcredit', 'micro credit'),
		...V('other', 'autre', 'autres')
	]),
	form: new Map([
		...V('voucher', 'bon', 'bons', 'bon alimentaire', 'cheque service', 'titre service'),
		...V('cash', 'especes', 'numeraire', 'virement'),
		...V('direct_payment', 'paiement direct', 'paiement au creancier', 'tiers payant', 'reglement direct'),
		...V('loan', 'pret', 'avance remboursable')
	]),
	decision: new Map([
		...V('granted', 'accorde', 'accordee', 'favorable', 'accepte', 'acceptee', 'accord'),
		...V('refused', 'refuse', 'refusee', 'defavorable', 'rejete', 'rejetee', 'refus'),
		...V('postponed', 'ajourne', 'ajournee', 'reporte', 'reportee', 'en attente', 'ajournement')
	]),
	referrer: new Map([
		...V('departement', 'conseil departemental', 'cd', 'service departemental', 'sds'),
		...V('association', 'associations'),
		...V('other', 'autre', 'autres')
	]),
	outcome_6m: new Map([
		...V('stabilised', 'stabilise', 'stabilisee', 'stable'),
		...V('unchanged', 'inchange', 'inchangee'),
		...V('degraded', 'degrade', 'degradee'),
		...V('unknown', 'inconnu', 'inconnue', 'ne sait pas', 'nsp')
	])
};
