/** Shares one Session (one DuckDB instance) with every page through Svelte context. */
import { getContext, setContext } from 'svelte';
import type { Session } from '../app/session.ts';

const KEY = Symbol('vigie-session');

export function provideSession(session: Session): void {
	setContext(KEY, session);
}

export function useSession(): Session {
	const s = getContext<Session | undefined>(KEY);
	if (!s) throw new Error('Session absente : provideSession() doit être appelé dans le layout.');
	return s;
}
