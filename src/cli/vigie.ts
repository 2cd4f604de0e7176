#!/usr/bin/env node
/**
 * vigie CLI (DESIGN.md §6): a thin shell over src/lib, one module per command in ./commands.
 * JSON on stdout, messages on stderr, in French, one line: `vigie <commande> : …`. Exit codes: 0 done, 1 bad
 * input or a file that cannot be read (UsageError, system errors in French), 2 a command line parseArgs refuses
 * (ArgError: the message, then the command's usage line). Runs on Node ≥ 22.18 (type stripping): `npx vigie …`
 * and `npm run vigie -- …` use the project's Node 22.
 */
import { ArgError, errorLine, parseOptions, print, UsageError } from './common.ts';
import { commandHelp, COMMANDS, HELP, isCommand, type Command } from './usage.ts';

async function listIndicators(args: string[]): Promise<number> {
	parseOptions({ args, options: {} });
	const { INDICATORS } = await import('../lib/indicators/catalogue.ts');
	print(INDICATORS.map(({ id, label, unit, theme, definition }) => ({ id, label, unit, theme, definition })));
	return 0;
}

// Each command's module is loaded only when it runs: a refused command line, a help or a missing file answers
// before DuckDB and the engine are read (CLI start-up, issue 16).
const RUN: Record<Command, (args: string[]) => Promise<number>> = {
	generate: async (a) => (await import('./commands/generate.ts')).cmdGenerate(a),
	validate: async (a) => (await import('./commands/validate.ts')).cmdValidate(a),
	indicators: async (a) => (await import('./commands/indicators.ts')).cmdIndicators(a),
	explain: async (a) => (await import('./commands/explain.ts')).cmdExplain(a),
	schemes: async (a) => (await import('./commands/explain.ts')).cmdSchemes(a),
	simulate: async (a) => (await import('./commands/simulate.ts')).cmdSimulate(a),
	'list-indicators': listIndicators
};
/** Commands whose --help says more than the usage line (the schemes, a scheme's parameters). */
const OWN_HELP: ReadonlySet<Command> = new Set(['explain', 'simulate']);

const [cmd, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
	if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
		process.stdout.write(HELP);
		return 0;
	}
	// No command: the usage, as for any refused command line.
	if (cmd === undefined) {
		process.stderr.write(HELP);
		return 2;
	}
	if (!isCommand(cmd)) throw new UsageError(`commande inconnue « ${cmd} » ; commandes : ${Object.keys(COMMANDS).join(', ')} (vigie --help)`);
	if (!OWN_HELP.has(cmd) && (rest.includes('--help') || rest.includes('-h'))) {
		process.stdout.write(commandHelp(cmd));
		return 0;
	}
	return RUN[cmd](rest);
}

// stdout is asynchronous on a pipe: exit only once everything written has been flushed, or a large JSON
// output is cut short.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main().then(
	(code) => exit(code),
	(e: unknown) => {
		// One French line, never a stack trace; a refused command line is followed by the command's usage.
		const where = isCommand(cmd) ? `vigie ${cmd}` : 'vigie';
		process.stderr.write(`${where} : ${errorLine(e)}\n`);
		if (e instanceof ArgError && isCommand(cmd)) process.stderr.write(`usage : ${COMMANDS[cmd].usage}\n`);
		if (!(e instanceof UsageError) && process.env.VIGIE_DEBUG) console.error(e);
		exit(e instanceof ArgError ? 2 : 1);
	}
);
