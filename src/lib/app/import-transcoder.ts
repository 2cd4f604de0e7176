/**
 * Browser side of the import pre-step: one Worker per file read (app/import-worker.ts), terminated on cancel
 * or when done. A Parquet file read into Arrow batches is decoded by two Workers, each taking every other
 * column: hyparquet decodes on one thread, and the decoding is most of a Parquet import. The Transcoder it
 * returns plugs into Session.loadUserBlobs.
 */
import { mergeShares, type BatchSink } from '../data/ingest/columnar.ts';
import { ImportCancelled, type StreamOptions, type Transcoded, type Transcoder } from '../data/ingest/stream.ts';
import type { Contract } from '../data/schema.ts';
import type { WorkerRequest } from './import-worker.ts';

/** « PAR1 », the first bytes of a Parquet file. */
const PARQUET = [0x50, 0x41, 0x52, 0x31];
/** Workers sharing a Parquet file's columns. */
const SHARES = 2;

export const workerTranscoder: Transcoder = async (contract, file, opts) => {
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	if (!(opts.arrow && opts.onBatch && !opts.collect && PARQUET.every((b, i) => head[i] === b))) return runWorker(contract, file, opts);
	// The k-th batch of each share is the same row group: merged once all shares have it, handed on in order.
	const { onBatch, signal, onProgress } = opts;
	const inner = new AbortController();
	const abort = () => inner.abort();
	signal?.addEventListener('abort', abort, { once: true });
	const queues: Array<Array<{ ipc: Uint8Array; rows: number }>> = Array.from({ length: SHARES }, () => []);
	let merged: Promise<void> = Promise.resolve();
	const take =
		(k: number): BatchSink =>
		(ipc, rows) => {
			queues[k].push({ ipc, rows });
			while (queues.every((q) => q.length)) {
				const parts = queues.map((q) => q.shift()!);
				merged = merged.then(async () => {
					if (!inner.signal.aborted) await onBatch(await mergeShares(contract, parts.map((p) => p.ipc), parts[0].rows), parts[0].rows);
				});
			}
		};
	try {
		const results = await Promise.all(
			queues.map((_, k) =>
				runWorker(contract, file, { ...opts, signal: inner.signal, onBatch: take(k), onProgress: k === 0 ? onProgress : undefined, share: { index: k, of: SHARES } })
			)
		);
		await merged;
		if (signal?.aborted) throw new ImportCancelled();
		return results[0];
	} catch (e) {
		inner.abort();
		await merged.catch(() => undefined);
		throw signal?.aborted ? new ImportCancelled() : e;
	} finally {
		signal?.removeEventListener('abort', abort);
	}
};

/** One Worker running the pre-step on `file` (or its share of a Parquet file's columns). */
function runWorker(contract: Contract, file: Blob, { onProgress, signal, onBatch, ...opts }: StreamOptions): Promise<Transcoded> {
	return new Promise((resolve, reject) => {
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
			else if (m.type === 'batch') batches = batches.then(() => (stopped ? undefined : onBatch?.(m.ipc, m.rows)));
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
}
