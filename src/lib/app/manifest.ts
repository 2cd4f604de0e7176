/** The list of files of the embedded default dataset (static/data/manifest.json, written by scripts/prepare-data.ts). */
export interface DefaultManifest {
	label: string;
	departement: string;
	/** In load order: households newest year first, then aid requests. */
	files: Array<{ kind: 'households' | 'aid_requests'; name: string; year?: number }>;
}
