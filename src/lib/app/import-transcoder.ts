/**
 * Browser side of the import pre-step: one Worker per file read (app/import-worker.ts), terminated on cancel
 * or when done. The Transcoder it returns plugs into Session.loadUserBlobs.
 */
import { ImportCancelled, type Transcoder } from '../data/ingest/stream.ts';
import type { WorkerRequest } from './import-worker.ts';

export const workerTranscoder: Transcoder = (contract, file, { onProgress, signal, onBatch, ...opts }) =>
	new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new ImportCancelled());
		const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
		// Arrow batches are handed on in order, each once the one before is taken (inserted by DuckDB while the
		// Worker decodes the next); none after a cancel.
		let batches: Promise<void> = Promise.resolve();
		let stopped = false;
		const stop = () => {
			stopped = true;
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
			else if (m.type === 'batch') batches = batches.then(() => (stopped ? undefined : onBatch?.(m.ipc)));
			else if (m.type === 'done') {
				end();
				batches.then(() => resolve(m.result), reject);
			} else {
				end();
				reject(new Error(m.message));
			}
		};
		worker.onerror = (e) => {
			end();
			reject(new Error(e.message || 'erreur du lecteur de fichiers'));
		};
		worker.postMessage({ kind: contract.kind, file, opts: { ...opts, arrow: opts.arrow && !!onBatch } } satisfies WorkerRequest);
	});
