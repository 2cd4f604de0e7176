/**
 * A figure as a page shows it, under the secrecy rule of the data (DESIGN.md §4.1): on real data a secret figure
 * reads « secret »; on synthetic data it is shown, marked as what real data would hide.
 */
import { SECRET_LABEL } from '../format.ts';

export interface Shown {
	text: string;
	/** Shown although the secrecy rule would hide it on real data (synthetic data only). */
	marked: boolean;
	/** Hidden: the page shows « secret » and nothing else. */
	secret: boolean;
}

export function shownFigure(text: () => string, wouldBeSecret: boolean, synthetic: boolean): Shown {
	if (wouldBeSecret && !synthetic) return { text: SECRET_LABEL, marked: false, secret: true };
	return { text: text(), marked: wouldBeSecret, secret: false };
}
