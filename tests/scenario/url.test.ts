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
});
