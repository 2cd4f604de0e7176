/**
 * Puts an Observable Plot chart into its container. The drawing is hidden from assistive technologies (its
 * marks carry aria-labels like « rule » or « line » that mean nothing to a listener and that ARIA forbids on
 * plain groups); the container speaks for it (role="img" and a summary) and the data table sits beside it.
 * Returns the cleanup for an $effect.
 */
export function mountPlot(container: HTMLElement, chart: Element): () => void {
	chart.setAttribute('aria-hidden', 'true');
	container.replaceChildren(chart);
	return () => chart.remove();
}
