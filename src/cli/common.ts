/** What every command shares: usage errors, JSON output, reading input files. */
import { existsSync, readFileSync } from 'node:fs';

/** Bad input from the user: printed as one line, exit 1, never a stack trace. */
export class UsageError extends Error {}

export function print(value: unknown): void {
	process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function readInput(file: string): Uint8Array {
	if (!existsSync(file)) throw new UsageError(`${file} : fichier introuvable`);
	return readFileSync(file);
}
