/** How a cell flagged by compareFlag reads: a mark for the eye, words for screen readers and paper. */
export const FLAG: Record<string, { mark: string; text: string }> = {
	above: { mark: '▲', text: ' (nettement au-dessus du département)' },
	below: { mark: '▼', text: ' (nettement en dessous du département)' }
};
