/** The scheme files, in display order. A new scheme is a new data file in this folder, listed here. */
import boulogne from './boulogne-billancourt.ts';
import elan from './elan.ts';
import laRochelle from './la-rochelle.ts';
import preSaintGervais from './pre-saint-gervais.ts';
import statutRsa from './statut-rsa.ts';

export const SCHEME_FILES: Record<string, unknown> = {
	'pre-saint-gervais.ts': preSaintGervais,
	'elan.ts': elan,
	'la-rochelle.ts': laRochelle,
	'boulogne-billancourt.ts': boulogne,
	'statut-rsa.ts': statutRsa
};
