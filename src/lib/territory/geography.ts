/**
 * The official geography (communes, départements, EPT/EPCI groups) in the shape the app uses. Built
 * from @etalab/decoupage-administratif (etalab.ts, Node) and shipped to the browser as one small JSON
 * file per département: no hand-typed list of communes anywhere.
 */
export interface Commune {
	code: string;
	nom: string;
	departement: string;
	population: number | null;
	/** EPCI (or EPT in the Métropole du Grand Paris) codes this commune belongs to. */
	groups: string[];
}

export interface Group {
	code: string;
	nom: string;
	/** EPT, METRO, CA, CC, CU… as in the official file. */
	type: string;
	members: string[];
}

export interface DepartementGeography {
	code: string;
	nom: string;
	communes: Commune[];
	groups: Group[];
	/** Former codes (merged or delegated communes) → current commune code. */
	formerCodes: Record<string, string>;
}

/** Default group of CCAS: Est Ensemble, the EPT of Le Pré-Saint-Gervais (domain.md §10.1). */
export const DEFAULT_GROUP_NAME = 'Est Ensemble';

export function currentCode(geo: DepartementGeography, code: string): string {
	return geo.formerCodes[code] ?? code;
}

export function communeName(geo: DepartementGeography, code: string): string {
	return geo.communes.find((c) => c.code === code)?.nom ?? code;
}

export function findGroup(geo: DepartementGeography, nameOrCode: string): Group | undefined {
	const k = nameOrCode.toLowerCase();
	return geo.groups.find((g) => g.code === nameOrCode || g.nom.toLowerCase() === k);
}

/** Département code of a commune code (2A/2B, overseas 97x). */
export function departementOf(commune: string): string {
	return commune.startsWith('97') ? commune.slice(0, 3) : commune.slice(0, 2);
}
