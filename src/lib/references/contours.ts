/**
 * Commune contours loaded by the user (GeoJSON or TopoJSON, as IGN ADMIN EXPRESS and data.gouv publish them),
 * reconciled with the current geography: a former commune (e.g. 93059 Pierrefitte, merged into 93066
 * Saint-Denis) is folded into its current commune as one MultiPolygon feature; contours matching no
 * current commune are listed, never silently dropped.
 */
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { DepartementGeography } from '../territory/geography.ts';

type Position = number[];
export interface ContourGeometry {
	type: 'Polygon' | 'MultiPolygon';
	coordinates: Position[][] | Position[][][];
}
export interface ContourFeature {
	type: 'Feature';
	properties: { code: string; nom: string };
	geometry: ContourGeometry;
}
export interface Reconciliation {
	features: ContourFeature[];
	/** Former code → current code, for each contour folded into another. */
	merged: Array<{ from: string; into: string }>;
	/** Contours whose code is not a commune (current or former) of the département. */
	unmatched: string[];
	/** Current communes without any contour. */
	missing: string[];
}

/** Property names under which publishers put the INSEE code. */
const CODE_KEYS = ['code', 'INSEE_COM', 'insee', 'code_insee', 'CODGEO', 'codgeo', 'com'];

function codeOf(props: Record<string, unknown> | null | undefined): string | null {
	for (const k of CODE_KEYS) if (props && typeof props[k] === 'string') return props[k] as string;
	return null;
}

const polygons = (g: ContourGeometry): Position[][][] =>
	g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);

/** GeoJSON FeatureCollection, or TopoJSON (every object of the topology, decoded by topojson-client). */
export function parseContours(text: string): unknown {
	const data = JSON.parse(text);
	if (data?.type === 'Topology') {
		const objects = Object.values((data as Topology).objects ?? {});
		if (!objects.length) throw new Error('TopoJSON sans objet : aucun contour à lire');
		return { type: 'FeatureCollection', features: objects.flatMap((o) => toFeatures(data as Topology, o)) };
	}
	if (data?.type !== 'FeatureCollection') throw new Error('GeoJSON (FeatureCollection) ou TopoJSON (Topology) attendu');
	return data;
}

function toFeatures(topology: Topology, object: Topology['objects'][string]): unknown[] {
	const f = feature(topology, object) as { type: string; features?: unknown[] };
	return f.type === 'FeatureCollection' ? (f.features ?? []) : [f];
}

export function reconcileContours(collection: unknown, geo: DepartementGeography): Reconciliation {
	const features = (collection as { features?: Array<{ properties?: Record<string, unknown>; geometry?: ContourGeometry }> }).features ?? [];
	const current = new Set(geo.communes.map((c) => c.code));
	const byCode = new Map<string, Position[][][]>();
	const merged: Reconciliation['merged'] = [];
	const unmatched: string[] = [];
	for (const f of features) {
		const code = codeOf(f.properties);
		if (!code || !f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
			unmatched.push(code ?? '(sans code)');
			continue;
		}
		const into = current.has(code) ? code : geo.formerCodes[code];
		if (!into || !current.has(into)) {
			unmatched.push(code);
			continue;
		}
		if (into !== code) merged.push({ from: code, into });
		byCode.set(into, [...(byCode.get(into) ?? []), ...polygons(f.geometry)]);
	}
	const out: ContourFeature[] = [...byCode].map(([code, polys]) => ({
		type: 'Feature',
		properties: { code, nom: geo.communes.find((c) => c.code === code)!.nom },
		geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }
	}));
	return { features: out, merged, unmatched, missing: [...current].filter((c) => !byCode.has(c)).sort() };
}
