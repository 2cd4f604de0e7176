/**
 * What Vigie keeps in this browser, and how to forget it. Everything Vigie stores is named with the prefix
 * « vigie » (localStorage/sessionStorage keys, IndexedDB databases, the OPFS folder, Cache Storage entries), so
 * clearing never touches another site's or another app's data on the same origin.
 */
export type StoreKind = 'local' | 'session' | 'indexeddb' | 'opfs' | 'cache';

export interface StoredItem {
	kind: StoreKind;
	name: string;
}

const PREFIX = 'vigie';
const OPFS_DIR = 'vigie';
const ours = (name: string) => name.startsWith(PREFIX);

/** How each kind of store is named to the user. */
const KIND_LABEL: Record<StoreKind, string> = {
	local: 'stockage local',
	session: 'stockage de session',
	indexeddb: 'base IndexedDB',
	opfs: 'dossier de fichiers du navigateur (OPFS)',
	cache: 'cache'
};

/** What the known entries hold, in the user's words. */
const KNOWN: Record<string, string> = {
	'vigie.simulateur.scenarios': 'scénarios enregistrés du simulateur',
	'vigie-import': 'dernier jeu de données chargé'
};

function keysOf(store: Storage | undefined): string[] {
	if (!store) return [];
	// Sorted: the browser's key order is arbitrary, the list shown to the user should not be.
	return Array.from({ length: store.length }, (_, i) => store.key(i))
		.filter((k): k is string => k !== null && ours(k))
		.sort();
}

async function opfsRoot(): Promise<FileSystemDirectoryHandle | null> {
	try {
		return (await globalThis.navigator?.storage?.getDirectory?.()) ?? null;
	} catch {
		return null; // OPFS unavailable (old browser, private mode): nothing can be stored there
	}
}

/** Every entry Vigie has stored in this browser. */
export async function listStored(): Promise<StoredItem[]> {
	const items: StoredItem[] = [
		...keysOf(globalThis.localStorage).map((name) => ({ kind: 'local' as const, name })),
		...keysOf(globalThis.sessionStorage).map((name) => ({ kind: 'session' as const, name }))
	];
	const dbs = ((await globalThis.indexedDB?.databases?.()) ?? []).map((d) => d.name ?? '').filter(ours);
	for (const name of dbs.sort()) items.push({ kind: 'indexeddb', name });
	const root = await opfsRoot();
	if (root) {
		const found = await root.getDirectoryHandle(OPFS_DIR).then(
			() => true,
			() => false
		);
		if (found) items.push({ kind: 'opfs', name: OPFS_DIR });
	}
	if (globalThis.caches) for (const name of await caches.keys()) if (ours(name)) items.push({ kind: 'cache', name });
	return items;
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`base ${name}`));
		// Another tab holds it open: the deletion completes once that tab lets go; nothing more to do here.
		req.onblocked = () => resolve();
	});
}

const REMOVE: Record<StoreKind, (name: string) => Promise<void>> = {
	local: async (name) => localStorage.removeItem(name),
	session: async (name) => sessionStorage.removeItem(name),
	indexeddb: deleteDatabase,
	opfs: async (name) => (await opfsRoot())?.removeEntry(name, { recursive: true }),
	cache: async (name) => void (await caches.delete(name))
};

/** Removes the given entries (by default, everything Vigie stored) and returns what was removed. */
export async function clearStored(items?: StoredItem[]): Promise<StoredItem[]> {
	const todo = items ?? (await listStored());
	for (const item of todo) await REMOVE[item.kind](item.name);
	return todo;
}

/** One entry in French: « stockage local « vigie.simulateur.scenarios » (scénarios enregistrés du simulateur) ». */
export function describeItem(item: StoredItem): string {
	const what = KNOWN[item.name];
	return `${KIND_LABEL[item.kind]} « ${item.name} »${what ? ` (${what})` : ''}`;
}

/** The French sentence shown once entries are cleared. */
export function clearedMessage(items: StoredItem[]): string {
	if (!items.length) return 'Rien à effacer : Vigie n’a rien enregistré dans ce navigateur.';
	return `Effacé de ce navigateur : ${items.map(describeItem).join(' ; ')}.`;
}
