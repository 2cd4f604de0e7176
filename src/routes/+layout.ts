// Every page is prerendered to static HTML (adapter-static); DuckDB starts in the browser only.
export const prerender = true;
