/**
 * Rights check asked by the La Rochelle seed (002_b6ad5844b7886a1e.txt: the referent "vérifie que ce dernier a
 * bien fait valoir l’ensemble de ses droits"): flags a household that looks eligible to RSA or prime d'activité
 * but receives neither. A rough indication for the social worker, not a legal computation.
 *
 * Amounts: domain.md §6 (montants forfaitaires at 1 April 2025 [S64][S66]). The household scale is read off the
 * published table, not its one-line summary: 1 person 1, 2 persons 1.5, 3 persons 1.8, 4 persons 2.1
 * (646,52 → 969,78 → 1 163,74 → 1 357,70 €), then +0.4 per extra child (258,61 € = 0.4 × 646,52); the prime
 * d'activité table follows the same scale (633,21 → 949,83 → 1 139,79 → ≈1 329,76 €, +253,28 €).
 */
import type { Household } from '../data/schema.ts';
import { persons } from '../measures/living-standard.ts';
import { roundHalfAway, toCents } from './cents.ts';

export const RSA_BASE = 646.52; // RSA personne seule, 1 Apr 2025, domain.md §6 [S64]
export const PA_BASE = 633.21; // prime d'activité forfait, personne seule, 1 Apr 2025, domain.md §6 [S66]
export const PA_EARNINGS_SHARE = 0.5985; // share of earnings counted, 1 Apr 2025, domain.md §6 [S66]

/** Household factor of the RSA and prime d'activité scales (domain.md §6 tables). */
export function scaleFactor(n: number): number {
	return 1 + (n >= 2 ? 0.5 : 0) + (n >= 3 ? 0.3 : 0) + (n >= 4 ? 0.3 : 0) + 0.4 * Math.max(0, n - 4);
}

export interface RightsCheck {
	/** Looks eligible to RSA or prime d'activité and receives neither. */
	flagged: boolean;
	rsa: { looks_eligible: boolean; forfait: number; resources: number; estimate: number };
	activity: { looks_eligible: boolean; forfait: number; earnings: number; estimate: number };
	receives: boolean;
	message: string;
	rule: string;
	limits: string;
}

export const RIGHTS_RULE =
	'Règle approchée : RSA estimé = montant forfaitaire de la composition du foyer − ressources (hors aide au logement) ; prime d’activité estimée = ' +
	'montant forfaitaire + 59,85 % des revenus d’activité − ressources (hors aide au logement), si un membre travaille. ' +
	'Un ménage est signalé si l’une des deux estimations est positive alors qu’il ne perçoit ni RSA ni prime d’activité. ' +
	'Montants au 1er avril 2025 (domain.md §6 : RSA 646,52 € pour une personne seule, prime d’activité 633,21 € ; ×1,5 à deux, ×1,8 à trois, ×2,1 à quatre, +0,4 par enfant en plus).';

export const RIGHTS_LIMITS =
	'Limites : indication pour le travailleur social, pas un calcul de droits. Ne tient pas compte du forfait logement, de la majoration pour ' +
	'isolement, des bonifications individuelles de la prime d’activité, des ressources des trois derniers mois, de l’âge (25 ans), de la ' +
	'nationalité ni du patrimoine ; la composition du foyer est prise telle quelle. À vérifier avec le simulateur officiel (mesdroitssociaux.gouv.fr) ou la CAF.';

export function rightsCheck(h: Household): RightsCheck {
	const n = persons(h);
	const factor = scaleFactor(n);
	// Resources the CAF compares with the forfait, minus the benefits under test and housing aid (forfait logement ignored).
	const resourcesCents = toCents(
		h.income_work + h.income_unemployment + h.income_pension + h.income_other + h.benefit_family + h.benefit_disability + h.benefit_old_age
	);
	const rsaForfait = roundHalfAway(RSA_BASE * factor * 100);
	const paForfait = roundHalfAway(PA_BASE * factor * 100);
	const earnings = toCents(h.income_work);
	const rsaEstimate = rsaForfait - resourcesCents;
	const paEstimate = h.workers >= 1 && earnings > 0 ? paForfait + roundHalfAway(PA_EARNINGS_SHARE * earnings) - resourcesCents : 0;
	const receives = h.benefit_rsa > 0 || h.benefit_activity > 0;
	const rsaOk = rsaEstimate > 0;
	const paOk = paEstimate > 0;
	const flagged = !receives && (rsaOk || paOk);
	const what = [rsaOk ? 'au RSA' : '', paOk ? 'à la prime d’activité' : ''].filter(Boolean).join(' et ');
	return {
		flagged,
		rsa: { looks_eligible: rsaOk, forfait: rsaForfait / 100, resources: resourcesCents / 100, estimate: Math.max(0, rsaEstimate) / 100 },
		activity: { looks_eligible: paOk, forfait: paForfait / 100, earnings: earnings / 100, estimate: Math.max(0, paEstimate) / 100 },
		receives,
		message: flagged
			? `Droits à vérifier : le ménage semble éligible ${what} mais ne perçoit ni RSA ni prime d’activité.`
			: receives
				? 'Le ménage perçoit déjà le RSA ou la prime d’activité.'
				: 'D’après la règle approchée, le ménage ne semble éligible ni au RSA ni à la prime d’activité.',
		rule: RIGHTS_RULE,
		limits: RIGHTS_LIMITS
	};
}
