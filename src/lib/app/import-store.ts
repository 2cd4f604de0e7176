/**
 * The last dataset the user loaded, kept in the browser (IndexedDB database « vigie-import ») so it survives a
 * reload: the files themselves (Blobs, stored by the browser without reading them into memory) and the mapping
 * and sheets chosen. Nothing leaves the browser; « Revenir aux données par défaut » (or the « clear all stored
 * data » button, which deletes every IndexedDB database named vigie*) removes it. Where IndexedDB is absent
 * (Node), nothing is stored.
 */
import type { Kind } from '../data/schema.ts';

export interface StoredFile {
	name: string;
	blob: Blob;
	mapping?: Array<string | null>;
	sheet?: string;
}

export type StoredImport = Partial<Record<Kind, StoredFile>>;

const DB = 'vigie-import';
const STORE = 'last';
const KEY = 'dataset';

function open(): Promise<IDBDatabase> | null {
	if (typeof indexedDB === 'undefined') return null;
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
	const db = await open();
	if (!db) return undefined;
	try {
		return await new Promise<T>((resolve, reject) => {
			const req = fn(db.transaction(STORE, mode).objectStore(STORE));
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
	} finally {
		db.close();
	}
}

export const saveImport = (files: StoredImport) => run('readwrite', (s) => s.put(files, KEY)).then(() => undefined);
export const loadImport = () => run<StoredImport | undefined>('readonly', (s) => s.get(KEY));
export const clearImport = () => run('readwrite', (s) => s.delete(KEY)).then(() => undefined);
