/**
 * Fill patterns shared by the charts, defined inside each chart's own SVG so that an SVG export keeps them.
 * `SECRET_HATCH`: grey lines on white, for a value hidden by secrecy (nothing to draw). `WOULD_BE_SECRET_HATCH`:
 * white lines over whatever is under it, laid on a value shown on synthetic data that real data would hide.
 */
export const SECRET_HATCH = 'vigie-hatch';
export const WOULD_BE_SECRET_HATCH = 'vigie-would-be-secret';

const DEFS =
	`<defs><pattern id="${SECRET_HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern>` +
	`<pattern id="${WOULD_BE_SECRET_HATCH}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#fff" stroke-opacity="0.75" stroke-width="2"/></pattern></defs>`;

/** Adds the patterns to the chart's SVG(s): a Plot chart with a legend is a figure holding several. */
export function addPatterns(chart: Element): void {
	for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) svg.insertAdjacentHTML('afterbegin', DEFS);
}

/** `url(#…)` of a pattern, for a mark's fill. */
export const fillOf = (id: string) => `url(#${id})`;
