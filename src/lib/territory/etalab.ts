/** Node side: reads @etalab/decoupage-administratif's data files and builds DepartementGeography. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DepartementGeography, Group } from './geography.ts';

const require = createRequire(import.meta.url);
const read = <T>(name: string): T =>
	JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8'));

interface RawCommune {
	code: string;
	nom: string;
	type: string;
	departement?: string;
	population?: number;
	anciensCodes?: string[];
	chefLieu?: string;
}
interface RawGroup {
	code: string;
	nom: string;
	type: string;
	membres: Array<{ code: string }>;
}

let cache: { communes: RawCommune[]; departements: Array<{ code: string; nom: string }>; groups: RawGroup[] } | null = null;
function raw() {
	cache ??= {
		communes: read<RawCommune[]>('communes'),
		departements: read('departements'),
		groups: [...read<RawGroup[]>('ept'), ...read<RawGroup[]>('epci')]
	};
	return cache;
}

export function departementCodes(): string[] {
	return raw().departements.map((d) => d.code);
}

export function departementGeography(dep: string): DepartementGeography {
	const r = raw();
	const d = r.departements.find((x) => x.code === dep);
	if (!d) throw new Error(`département inconnu : ${dep}`);
	const current = r.communes.filter((c) => c.type === 'commune-actuelle' && c.departement === dep);
	const codes = new Set(current.map((c) => c.code));
	const groups: Group[] = r.groups
		.filter((g) => g.membres.some((m) => codes.has(m.code)))
		.map((g) => ({ code: g.code, nom: g.nom, type: g.type, members: g.membres.map((m) => m.code).filter((c) => codes.has(c)) }));
	const formerCodes: Record<string, string> = {};
	for (const c of current) for (const old of c.anciensCodes ?? []) if (old !== c.code) formerCodes[old] = c.code;
	// Delegated or associated communes point to their chef-lieu (e.g. 93059 Pierrefitte → 93066 Saint-Denis).
	for (const c of r.communes)
		if (c.type !== 'commune-actuelle' && c.chefLieu && c.code !== c.chefLieu && codes.has(c.chefLieu)) formerCodes[c.code] = c.chefLieu;
	return {
		code: dep,
		nom: d.nom,
		communes: current
			.map((c) => ({
				code: c.code,
				nom: c.nom,
				departement: dep,
				population: c.population ?? null,
				groups: groups.filter((g) => g.members.includes(c.code)).map((g) => g.code)
			}))
			.sort((a, b) => a.code.localeCompare(b.code)),
		groups,
		formerCodes
	};
}
