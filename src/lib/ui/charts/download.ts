/** Saves text (CSV) or a chart (SVG) as a file the user downloads; nothing leaves the browser. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The first <svg> inside `root`, standalone (namespace declared) so that other tools can open it. */
export function downloadSvg(root: Element | null | undefined, name: string): void {
	const svg = root?.querySelector('svg');
	if (!svg) return;
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	downloadText(name, new XMLSerializer().serializeToString(copy), 'image/svg+xml');
}
