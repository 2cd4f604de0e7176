/**
 * Web Worker entry: runs the import pre-step (data/ingest/stream.ts) off the page's thread, so a large file
 * never freezes the page. Receives the user's File (no copy: the browser passes a handle), posts progress,
 * then the clean CSV as a Blob, or a Parquet or Arrow file's Arrow batches. Cancel is the page terminating the worker.
 */
import { CONTRACTS_BY_KIND, type Kind } from '../data/schema.ts';
import { transcode, type StreamOptions } from '../data/ingest/stream.ts';

export interface WorkerRequest {
	kind: Kind;
	file: Blob;
	opts: Omit<StreamOptions, 'onProgress' | 'signal' | 'onBatch'>;
}

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
	const { kind, file, opts } = e.data;
	try {
		const result = await transcode(CONTRACTS_BY_KIND[kind], file, {
			...opts,
			onProgress: (p) => self.postMessage({ type: 'progress', progress: p }),
			// Each Arrow batch moves to the page as soon as it is made, without a copy.
			onBatch: (ipc, rows) => self.postMessage({ type: 'batch', ipc, rows }, { transfer: [ipc.buffer as ArrayBuffer] })
		});
		self.postMessage({ type: 'done', result });
	} catch (err) {
		self.postMessage({ type: 'error', message: (err as Error).message });
	}
};
