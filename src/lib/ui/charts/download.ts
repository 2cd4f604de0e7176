/** Saves text (CSV) or a chart (SVG) as a file the user downloads; nothing leaves the browser. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
	downloadBlob(name, new Blob([text], { type }));
}

/** Saves any Blob (Parquet, XLSX, text) as a file the user downloads. */
export function downloadBlob(name: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart's own <svg> inside `root`: the largest one, not a legend's ramp or swatches drawn before it. */
function chartSvg(root: Element): SVGSVGElement | null {
	const area = (s: SVGSVGElement) => s.width.baseVal.value * s.height.baseVal.value;
	return [...root.querySelectorAll('svg')].reduce<SVGSVGElement | null>((best, s) => (best && area(best) >= area(s) ? best : s), null);
}

/** The chart inside `root` as a standalone SVG (namespace declared) so that other tools can open it. */
export function downloadSvg(root: Element | null | undefined, name: string): void {
	const svg = root ? chartSvg(root) : null;
	if (!svg) return;
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.removeAttribute('aria-hidden'); // hidden in the page only because a text alternative stands beside it
	downloadText(name, new XMLSerializer().serializeToString(copy), 'image/svg+xml');
}
