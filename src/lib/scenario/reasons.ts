/**
 * Why households lose (classes perdant and perdant_zero): the condition of the scenario they no longer meet,
 * the envelope or capacity running out before their request, or a smaller amount. The condition given is the
 * deepest one that flipped (met in the baseline, not in the scenario): from a group (all / any), the reason goes
 * down into each member known to have flipped, so « any of four categories » reads as the category lost. With a
 * baseline of another scheme (other condition ids) nothing is known below the top: the conditions of the root
 * "all" group the household fails are given. A household failing several conditions counts under each, so the rows do not add up to the losers (only primary secrecy applies, as for
 * the working-poor row of breakdowns.ts): a row resting on fewer than SECRECY_MIN_ROWS unweighted households
 * is `suppressed` (DESIGN.md §4.1); publish.ts nulls its figures on real data and shows them, marked, on
 * synthetic data.
 */
import { SECRECY_MIN_ROWS } from '../indicators/secrecy.ts';
import type { Condition } from '../rules/scheme-schema.ts';
import type { Side } from './side.ts';

export interface ReasonRow {
	key: string;
	label: string;
	/** Unweighted households (the secrecy base). */
	n: number;
	/** Secret row (publish.ts nulls it on real data). */
	suppressed: boolean;
	/** Households, weighted. */
	households: number;
	/** Σ (scenario − baseline) aid of these households, € (negative). */
	amount: number;
}

export interface LeavingReasons {
	/** Losers (perdant + perdant_zero), weighted, and unweighted. */
	losers: number;
	n: number;
	rows: ReasonRow[];
}

/** Every condition of the tree, depth first (the order rows are listed in). */
const allConditions = (c: Condition): Condition[] => (c.kind === 'all' || c.kind === 'any' ? [c, ...c.of.flatMap(allConditions)] : [c]);

/**
 * Indices (in `conds`) of the deepest conditions that flipped for household `i`, who fails `c` in the scenario.
 * `fails(k)`: fails in the scenario; `passed(k)`: true / false in the baseline, null when the baseline has no
 * condition of that id.
 */
function flippedBelow(c: Condition, index: Map<Condition, number>, fails: (k: number) => boolean, passed: (k: number) => boolean | null, root: boolean): number[] {
	const at = (x: Condition) => index.get(x)!;
	if (c.kind !== 'all' && c.kind !== 'any') return [at(c)];
	const failing = c.of.filter((x) => fails(at(x)));
	const known = failing.filter((x) => passed(at(x)) === true);
	if (known.length) return known.flatMap((x) => flippedBelow(x, index, fails, passed, false));
	// Nothing known below. At the root "all", its failed members of unknown baseline (a person reads them as
	// the rules); elsewhere the group itself.
	return root && c.kind === 'all' ? failing.filter((x) => passed(at(x)) === null).map(at) : [at(c)];
}

const ENVELOPE = { key: 'enveloppe', label: 'Éligible, mais l’enveloppe ou la capacité est épuisée avant sa demande' };
const AMOUNT = { key: 'montant', label: 'Toujours aidé, mais pour un montant plus faible (seuil, plafond, barème ou renouvellements)' };
const OTHER = { key: 'autre', label: 'Autre combinaison de conditions non remplie' };

/** `cls`: class codes of classes.ts (1 perdant, 4 perdant_zero). */
export function leavingReasons(base: Side, scen: Side, cls: Uint8Array, weight: Float64Array, minRows = SECRECY_MIN_ROWS): LeavingReasons {
	const root = scen.scheme.conditions;
	const conds = allConditions(root);
	const index = new Map(conds.map((c, k) => [c, k]));
	const sPass = conds.map((c) => scen.result.conditions[c.id]);
	// Same condition id in the baseline: a reason only where it passed there (it "flipped").
	const bPass = conds.map((c) => base.result.conditions[c.id] ?? null);
	const defs = [...conds.map((c) => ({ key: `condition:${c.id}`, label: `Ne remplit plus : ${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}` })), ENVELOPE, AMOUNT, OTHER];
	const hh = new Float64Array(defs.length);
	const rows = new Int32Array(defs.length);
	const cents = new Float64Array(defs.length);
	const kEnv = conds.length;
	let losers = 0;
	let n = 0;
	const sEl = scen.result.eligible;
	const sGr = scen.allocation.granted;
	// A loser was paid in the baseline, so was eligible there: only those rows are read (in row order).
	const rowsIn = base.eligible_rows;
	for (let j = 0; j < rowsIn.length; j++) {
		const i = rowsIn[j];
		const c = cls[i];
		if (c !== 1 && c !== 4) continue;
		const w = weight[i];
		const lost = scen.paid_cents[i] * scen.weights[i] - base.paid_cents[i] * base.weights[i];
		losers += w;
		n++;
		const add = (k: number) => ((hh[k] += w), rows[k]++, (cents[k] += lost));
		if (sGr[i]) add(kEnv + 1);
		else if (sEl[i]) add(kEnv);
		else {
			const found = flippedBelow(root, index, (k) => !sPass[k][i], (k) => (bPass[k] === null ? null : bPass[k]![i] === 1), true);
			for (const k of found) add(k);
			if (!found.length) add(kEnv + 2);
		}
	}
	return {
		losers,
		n,
		rows: defs
			.map((d, k) => {
				const suppressed = rows[k] < minRows;
				return { ...d, n: rows[k], suppressed, households: hh[k], amount: Math.round(cents[k]) / 100 };
			})
			.filter((r) => r.n > 0)
	};
}
