/**
 * Bytes → text as French tools write it: UTF-8 with or without BOM, or Windows-1252 (Excel « CSV (séparateur :
 * point-virgule) »). A file is UTF-8 when it decodes strictly as UTF-8; otherwise it is Windows-1252, which
 * decodes any byte, so accents survive either way. TextDecoder('windows-1252') exists in browsers and Node.
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface Decoded {
	text: string;
	encoding: Encoding;
}

export function decodeText(data: Uint8Array | string): Decoded {
	if (typeof data === 'string') {
		return data.charCodeAt(0) === 0xfeff ? { text: data.slice(1), encoding: 'utf-8-bom' } : { text: data, encoding: 'utf-8' };
	}
	if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8-bom' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(data), encoding: 'windows-1252' };
	}
}
