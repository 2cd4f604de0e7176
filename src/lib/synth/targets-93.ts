/**
 * Calibration targets of the default dataset: INSEE Filosofi 2021 base-cc, domain.md §10.1 (commune file
 * `cc_filosofi_2021_COM.csv`, columns NBMENFISC21, NBPERSMENFISC21, MED21, D121, D921, TP6021).
 * The 40 communes of Seine-Saint-Denis in the 2021 geography: Saint-Denis (93066) without Pierrefitte, and
 * Pierrefitte-sur-Seine (93059) apart; the generator draws each to its own figures, then files Pierrefitte
 * under 93066 (current geography, see OLD_CODES_93).
 */
import type { CommuneTargets } from '../references/filosofi.ts';

export const TARGETS_93: readonly CommuneTargets[] = [
	{ code: '93001', households: 29692, persons: 76685, median: 15330, d1: 7490, d9: 29530, poverty_rate: 42 }, // Aubervilliers
	{ code: '93005', households: 28734, persons: 78685, median: 18710, d1: 9260, d9: 34880, poverty_rate: 29 }, // Aulnay-sous-Bois
	{ code: '93006', households: 16390, persons: 38991, median: 19060, d1: 9270, d9: 37940, poverty_rate: 28 }, // Bagnolet
	{ code: '93007', households: 19409, persons: 55796, median: 17460, d1: 9040, d9: 31200, poverty_rate: 32 }, // Le Blanc-Mesnil
	{ code: '93008', households: 17667, persons: 51576, median: 16330, d1: 8780, d9: 28650, poverty_rate: 36 }, // Bobigny
	{ code: '93010', households: 19483, persons: 53162, median: 17210, d1: 8560, d9: 32040, poverty_rate: 34 }, // Bondy
	{ code: '93013', households: 5783, persons: 15208, median: 17230, d1: 7910, d9: 32700, poverty_rate: 34 }, // Le Bourget
	{ code: '93014', households: 7915, persons: 24951, median: 15260, d1: 8410, d9: 28030, poverty_rate: 42 }, // Clichy-sous-Bois
	{ code: '93015', households: 1875, persons: 4850, median: 27100, d1: 14940, d9: 40610, poverty_rate: 8 }, // Coubron
	{ code: '93027', households: 14248, persons: 42333, median: 15150, d1: 7960, d9: 26910, poverty_rate: 42 }, // La Courneuve
	{ code: '93029', households: 26320, persons: 69819, median: 18660, d1: 8960, d9: 32900, poverty_rate: 29 }, // Drancy
	{ code: '93030', households: 3945, persons: 10898, median: 17070, d1: 9040, d9: 29080, poverty_rate: 33 }, // Dugny
	{ code: '93031', households: 18276, persons: 49036, median: 17880, d1: 9300, d9: 31810, poverty_rate: 31 }, // Épinay-sur-Seine
	{ code: '93032', households: 15407, persons: 41171, median: 23090, d1: 11160, d9: 39430, poverty_rate: 18 }, // Gagny
	{ code: '93033', households: 2880, persons: 7002, median: 29930, d1: 15060, d9: 49460, poverty_rate: 8 }, // Gournay-sur-Marne
	{ code: '93039', households: 3016, persons: 7550, median: 17740, d1: 8830, d9: 33920, poverty_rate: 32 }, // L'Île-Saint-Denis
	{ code: '93045', households: 10024, persons: 21890, median: 25490, d1: 11470, d9: 47650, poverty_rate: 16 }, // Les Lilas
	{ code: '93046', households: 17428, persons: 43727, median: 21750, d1: 10560, d9: 36880, poverty_rate: 20 }, // Livry-Gargan
	{ code: '93047', households: 9070, persons: 26489, median: 20870, d1: 10080, d9: 35610, poverty_rate: 24 }, // Montfermeil
	{ code: '93048', households: 45958, persons: 107718, median: 21150, d1: 9570, d9: 42590, poverty_rate: 25 }, // Montreuil
	{ code: '93049', households: 8600, persons: 19938, median: 26590, d1: 12010, d9: 46500, poverty_rate: 14 }, // Neuilly-Plaisance
	{ code: '93050', households: 13536, persons: 33759, median: 21000, d1: 10770, d9: 35510, poverty_rate: 21 }, // Neuilly-sur-Marne
	{ code: '93051', households: 26862, persons: 63639, median: 23490, d1: 11440, d9: 41340, poverty_rate: 17 }, // Noisy-le-Grand
	{ code: '93053', households: 16566, persons: 42255, median: 18450, d1: 9410, d9: 34480, poverty_rate: 30 }, // Noisy-le-Sec
	{ code: '93055', households: 22736, persons: 51637, median: 19740, d1: 9370, d9: 39610, poverty_rate: 27 }, // Pantin
	{ code: '93057', households: 8885, persons: 22662, median: 21890, d1: 10410, d9: 39390, poverty_rate: 21 }, // Les Pavillons-sous-Bois
	{ code: '93061', households: 7399, persons: 16373, median: 21600, d1: 9870, d9: 42900, poverty_rate: 23 }, // Le Pré-Saint-Gervais
	{ code: '93062', households: 6532, persons: 15166, median: 28820, d1: 12510, d9: 56740, poverty_rate: 13 }, // Le Raincy
	{ code: '93063', households: 12980, persons: 31380, median: 21110, d1: 9880, d9: 38770, poverty_rate: 24 }, // Romainville
	{ code: '93064', households: 19032, persons: 45424, median: 21820, d1: 10270, d9: 38640, poverty_rate: 22 }, // Rosny-sous-Bois
	{ code: '93066', households: 41208, persons: 106397, median: 16620, d1: 7970, d9: 32240, poverty_rate: 36 }, // Saint-Denis
	{ code: '93070', households: 21339, persons: 46880, median: 20440, d1: 9350, d9: 42320, poverty_rate: 26 }, // Saint-Ouen-sur-Seine
	{ code: '93071', households: 17093, persons: 49297, median: 17300, d1: 8830, d9: 30580, poverty_rate: 33 }, // Sevran
	{ code: '93072', households: 12731, persons: 37296, median: 16130, d1: 8540, d9: 28240, poverty_rate: 37 }, // Stains
	{ code: '93073', households: 13187, persons: 36959, median: 21420, d1: 11120, d9: 35770, poverty_rate: 19 }, // Tremblay-en-France
	{ code: '93074', households: 2713, persons: 6583, median: 23430, d1: 12040, d9: 37490, poverty_rate: 15 }, // Vaujours
	{ code: '93077', households: 12139, persons: 30177, median: 23920, d1: 10640, d9: 43820, poverty_rate: 19 }, // Villemomble
	{ code: '93078', households: 12592, persons: 37055, median: 19060, d1: 10090, d9: 32280, poverty_rate: 25 }, // Villepinte
	{ code: '93079', households: 4039, persons: 12180, median: 16640, d1: 9020, d9: 28230, poverty_rate: 35 }, // Villetaneuse
	{ code: '93059', households: 10276, persons: 30999, median: 16080, d1: 7670, d9: 28900, poverty_rate: 38 }, // Pierrefitte-sur-Seine (commune déléguée of 93066)
];

/** Old commune codes of 93 → current commune (domain.md §10.1: Pierrefitte, commune déléguée of Saint-Denis). */
export const OLD_CODES_93: Readonly<Record<string, string>> = { '93059': '93066' };
