/** Loads a dataset folder's files (households, optional aid requests) through validation. */
import type { Connector } from '../db/connector.ts';
import { AID_REQUESTS, HOUSEHOLDS } from './schema.ts';
import { loadCsv, type ValidationReport } from './validate.ts';

export interface DatasetFiles {
	/** Registered file names (or absolute paths in Node). */
	households: string;
	aid_requests?: string;
}

export interface DatasetReport {
	households: ValidationReport;
	aid_requests?: ValidationReport;
}

export async function loadDataset(db: Connector, files: DatasetFiles): Promise<DatasetReport> {
	const households = await loadCsv(db, HOUSEHOLDS, { file: files.households });
	const aid_requests = files.aid_requests ? await loadCsv(db, AID_REQUESTS, { file: files.aid_requests }) : undefined;
	return { households, aid_requests };
}
