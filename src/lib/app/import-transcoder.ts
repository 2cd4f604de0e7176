/**
 * Browser side of the import pre-step: one Worker per file read (app/import-worker.ts), terminated on cancel
 * or when done. The Transcoder it returns plugs into Session.loadUserBlobs.
 */
import { ImportCancelled, type Transcoder } from '../data/ingest/stream.ts';
import type { WorkerRequest } from './import-worker.ts';

export const workerTranscoder: Transcoder = (contract, file, { onProgress, signal, ...opts }) =>
	new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new ImportCancelled());
		const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
		const stop = () => {
			worker.terminate();
			reject(new ImportCancelled());
		};
		signal?.addEventListener('abort', stop, { once: true });
		const end = () => {
			signal?.removeEventListener('abort', stop);
			worker.terminate();
		};
		worker.onmessage = (e) => {
			const m = e.data;
			if (m.type === 'progress') onProgress?.(m.progress);
			else if (m.type === 'done') {
				end();
				resolve(m.result);
			} else {
				end();
				reject(new Error(m.message));
			}
		};
		worker.onerror = (e) => {
			end();
			reject(new Error(e.message || 'erreur du lecteur de fichiers'));
		};
		worker.postMessage({ kind: contract.kind, file, opts } satisfies WorkerRequest);
	});
