/** A scenario travels in the URL (issue 6: every scenario is a shareable link) and comes back identical. */
import { describe, expect, it } from 'vitest';
import { scenarioFromQuery, scenarioToQuery } from '#lib/scenario/url.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

describe('scenario in the query string', () => {
	it('round-trips scheme, baseline, territory, year, assumptions and changes', () => {
		const shared = {
			spec: { scheme: 'boulogne-billancourt', baseline: 'statut-rsa', communes: ['93061', '93006'], changes: { rav_max: 9.5, degressivite: 0.25 }, renewal_share: 0.5, take_up: 0.8 },
			year: 2022
		};
		const q = scenarioToQuery(shared);
		expect(q).toContain('p.rav_max=9.5');
		expect(scenarioFromQuery(q)).toEqual(shared);
	});

	it('gives the same report from the link as from the spec', () => {
		const pop = population([psgRow({ income_work: 900, charge_rent: 700 }), psgRow({ income_work: 1000, charge_rent: 760 })]);
		const spec = { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: { rav_max: 7 } };
		expect(simulate(pop, scenarioFromQuery(scenarioToQuery({ spec })).spec)).toEqual(simulate(pop, spec));
	});

	it('refuses a bad link in French', () => {
		expect(() => scenarioFromQuery('p.rav_max=3')).toThrow('dispositif absent');
		expect(() => scenarioFromQuery('dispositif=elan&p.rav_max=3')).toThrow('paramètre inconnu « rav_max »');
		expect(() => scenarioFromQuery('dispositif=elan&p.capacite=abc')).toThrow('n’est pas un nombre');
		expect(() => scenarioFromQuery('dispositif=elan&recours=2')).toThrow('entre 0 et 1');
		expect(() => scenarioFromQuery('dispositif=elan&communes=123')).toThrow('code commune invalide');
	});

	it('read against the page, a link it cannot honour as written gets the nearest valid value and a notice', () => {
		const ctx = { years: [2021, 2022, 2023], communes: ['93061', '93001'], origin: 'defaut' as const };
		// rav_max: 10 €/jour/personne declared, no maximum: the range is 0 to 3 × 10 = 30 (the slider's).
		const high = scenarioFromQuery('dispositif=pre-saint-gervais&p.rav_max=900', ctx);
		expect(high.spec.changes).toEqual({ rav_max: 30 });
		expect(high.notices).toEqual(['Reste à vivre maximal : 900 hors de l’intervalle autorisé (0 à 30 € par personne et par jour) : 30 affiché.']);
		const unknown = scenarioFromQuery('dispositif=elan&p.rav_max=3', ctx);
		expect(unknown.spec.changes).toEqual({});
		expect(unknown.notices[0]).toMatch(/^Paramètre inconnu « rav_max » pour .+ : ignoré\.$/);
		const scheme = scenarioFromQuery('dispositif=paris&p.rav_max=12', ctx);
		expect(scheme.spec.scheme).toBe('pre-saint-gervais');
		expect(scheme.notices[0]).toBe('Dispositif « paris » inconnu : Le Pré-Saint-Gervais — aide aux travailleurs pauvres affiché.');
		// Its own parameters still apply: rav_max exists in the first scheme.
		expect(scheme.spec.changes).toEqual({ rav_max: 12 });
	});
});
