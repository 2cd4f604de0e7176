/** The list of files of the embedded default dataset (static/data/manifest.json, written by scripts/prepare-data.ts). */
export interface DefaultManifest {
	label: string;
	departement: string;
	/** Made by the project's generator: it protects nobody, so values secrecy would hide are shown with a mark. */
	synthetic: true;
	/** In load order: households newest year first, then aid requests. */
	files: Array<{ kind: 'households' | 'aid_requests'; name: string; year?: number }>;
}

/** manifest.json beside a dataset made by `vigie generate` (DESIGN.md §6): the marker that the data is synthetic. */
export interface GeneratedManifest {
	synthetic: true;
	generator: string;
	departement: string;
	sample: number;
	seed: number;
	households: number;
	aid_requests: number;
}

export const MANIFEST_FILE = 'manifest.json';
