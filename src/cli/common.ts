/**
 * What every command shares: usage errors, command-line parsing, JSON output, reading input files and folders.
 * Every message is French and one line; vigie.ts prefixes it with `vigie <commande> : ` and picks the exit code.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { datasetFolder } from '../lib/data/folder.ts';

/** Bad input from the user: printed as one line, exit 1, never a stack trace. */
export class UsageError extends Error {}

/** A command line parseArgs refuses (unknown option, missing value…): one line, then the command's usage, exit 2. */
export class ArgError extends UsageError {}

export function print(value: unknown): void {
	process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

// ---------------------------------------------------------------- command line

/**
 * parseArgs, its refusals turned into an ArgError in French naming the option. The culprit is found again from
 * parseArgs' own tokens (a lenient second pass), not from its English message.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
	try {
		return parseArgs(config);
	} catch (e) {
		if (!String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw e;
		throw new ArgError(argProblem(config));
	}
}

function argProblem(config: ParseArgsConfig): string {
	const options = config.options ?? {};
	const { tokens } = parseArgs({ ...config, strict: false, tokens: true });
	for (const t of tokens) {
		if (t.kind === 'option-terminator') continue;
		if (t.kind === 'positional') {
			if (!config.allowPositionals) return `argument inattendu « ${t.value} »`;
			continue;
		}
		const option = options[t.name];
		if (!option) return `option inconnue « ${t.rawName} »`;
		if (option.type === 'boolean' && t.inlineValue) return `l’option « ${t.rawName} » ne prend pas de valeur (reçu « ${t.value} »)`;
		if (option.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
			return `l’option « ${t.rawName} » attend une valeur`;
	}
	return 'ligne de commande invalide';
}

// ---------------------------------------------------------------- files and folders

type Expected = 'file' | 'dir';

/** System error code → what to tell the user, for a path that should be a file or a folder. */
const FS_REASONS: Record<string, string | Record<Expected, string>> = {
	ENOENT: { file: 'fichier introuvable', dir: 'dossier introuvable' },
	EISDIR: 'est un dossier, pas un fichier',
	ENOTDIR: 'un élément du chemin n’est pas un dossier',
	EEXIST: { file: 'existe déjà', dir: 'est un fichier, pas un dossier' },
	EACCES: 'accès refusé',
	EPERM: 'accès refusé',
	ELOOP: 'trop de liens symboliques (boucle ?)',
	ENAMETOOLONG: 'chemin trop long',
	ENOSPC: 'plus de place sur le disque',
	EROFS: 'disque en lecture seule',
	EIO: 'erreur de lecture ou d’écriture sur le disque',
	EMFILE: 'trop de fichiers ouverts'
};
const NOT_A_FOLDER = 'est un fichier, pas un dossier';

/** The French reason of a system error (ENOENT…), or null for any other error. */
function fsReason(e: unknown, expected: Expected): string | null {
	const r = FS_REASONS[String((e as NodeJS.ErrnoException | null)?.code)];
	return r === undefined ? null : typeof r === 'string' ? r : r[expected];
}

/** A system error on `path` as a UsageError « path : reason »; any other error unchanged. */
function pathError(path: string, e: unknown, expected: Expected): unknown {
	const reason = fsReason(e, expected);
	return reason ? new UsageError(`${path} : ${reason}`) : e;
}

/**
 * Any error as the one line to print: a system error that escaped a command (Node's `ENOENT: no such file…`) in
 * French with its path, any other error's first line.
 */
export function errorLine(e: unknown): string {
	const err = e as NodeJS.ErrnoException;
	const dirCall = ['scandir', 'opendir', 'mkdir', 'rmdir'].includes(String(err?.syscall));
	const reason = e instanceof UsageError ? null : fsReason(e, dirCall ? 'dir' : 'file');
	if (reason) return err.path ? `${err.path} : ${reason}` : reason;
	return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** The bytes of an input file; missing, a folder, unreadable or empty → one French line. */
export function readInput(file: string): Uint8Array {
	let data: Uint8Array;
	try {
		data = readFileSync(file);
	} catch (e) {
		throw pathError(file, e, 'file');
	}
	if (!data.length) throw new UsageError(`${file} : fichier vide`);
	return data;
}

/** An input file that must be UTF-8 (JSON): any other bytes are refused rather than silently replaced. */
export function readUtf8(file: string): string {
	const data = readInput(file);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		throw new UsageError(`${file} : encodage illisible : UTF-8 attendu`);
	}
}

/** Checks a path that must be a readable file, without reading it. */
function inputFile(file: string): void {
	try {
		if (statSync(file).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
		accessSync(file, constants.R_OK);
	} catch (e) {
		throw pathError(file, e, 'file');
	}
}

/** Checks a folder to read: it exists, is a folder, can be listed. */
export function inputDir(dir: string): void {
	try {
		if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} : ${NOT_A_FOLDER}`);
		accessSync(dir, constants.R_OK | constants.X_OK);
	} catch (e) {
		throw pathError(dir, e, 'dir');
	}
}

/** Checks a dataset folder (`--data`) and each of its dataset files before anything is loaded. */
export function dataFolder(dir: string): void {
	inputDir(dir);
	let files;
	try {
		files = datasetFolder(dir);
	} catch (e) {
		throw new UsageError((e as Error).message);
	}
	for (const f of [...files.households, ...files.aid_requests]) inputFile(f);
}

/**
 * The stderr line of a file of a `--data` folder that lost rows: how many, and the first one's reason (a key seen in
 * another file of the folder is only seen here, not by `vigie validate` on the file alone).
 */
export function rejectedLine(command: string, dir: string, r: { file: string; read: number; rejected: number; errors: ReadonlyArray<{ line: number; column: string; reason: string }> }): string {
	const e = r.errors[0];
	const first = e ? ` ; première : ligne ${e.line}, colonne ${e.column} : ${e.reason}` : '';
	return `vigie ${command} : ${join(dir, r.file)} : ${r.rejected} ligne(s) rejetée(s) sur ${r.read}${first} (détail : vigie validate)\n`;
}

/** A dataset file of `--data` refused whole: « dir/file : reason », the file named once. */
export function refusedFile(dir: string, file: string, fatal: string): UsageError {
	const own = `${file} : `;
	return new UsageError(`${join(dir, file)} : ${fatal.startsWith(own) ? fatal.slice(own.length) : fatal}`);
}

/**
 * Checks a folder to write into (`--out`) before any work: a folder we may write to, or a path that does not exist
 * yet under a folder we may write to (it is created with its parents).
 */
export function outputDir(dir: string): void {
	try {
		if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} : ${NOT_A_FOLDER}`);
		accessSync(dir, constants.W_OK | constants.X_OK);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw pathError(dir, e, 'dir');
		let parent = dirname(resolve(dir));
		while (parent !== dirname(parent) && !existsSync(parent)) parent = dirname(parent);
		try {
			accessSync(parent, constants.W_OK | constants.X_OK);
		} catch (e) {
			throw pathError(dir, e, 'dir');
		}
	}
}

/** Any error of a library call as a UsageError: a system error in French with its path, otherwise its message. */
export function toUsage(e: unknown): UsageError {
	return e instanceof UsageError ? e : new UsageError(errorLine(e));
}
