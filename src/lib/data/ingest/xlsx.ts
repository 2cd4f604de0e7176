/**
 * XLSX (Office Open XML), first sheet, read with no library: the zip is read from its central directory and
 * deflated entries go through DecompressionStream('deflate-raw') (browsers and Node 18+); the sheet XML is
 * scanned for rows and cells (shared strings, inline strings, numbers, booleans). Dates arrive as Excel
 * serial numbers and are turned into dates by the date columns' cleaner (ingest/index.ts). A record's line is
 * its Excel row number, which is what the user sees in Excel.
 */
import type { Parsed } from './dialect.ts';

/** Zip local file header magic « PK\x03\x04 ». */
export const isZip = (data: Uint8Array | string): data is Uint8Array =>
	typeof data !== 'string' && data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 3 && data[3] === 4;

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The entries of a zip archive, by name, read lazily. */
function zipEntries(data: Uint8Array): Map<string, () => Promise<Uint8Array>> {
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	let eocd = -1;
	for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--)
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	if (eocd < 0) throw new Error('archive zip sans répertoire central');
	const count = view.getUint16(eocd + 10, true);
	let p = view.getUint32(eocd + 16, true);
	const out = new Map<string, () => Promise<Uint8Array>>();
	const utf8 = new TextDecoder();
	for (let k = 0; k < count; k++) {
		if (view.getUint32(p, true) !== 0x02014b50) throw new Error('répertoire central zip invalide');
		const method = view.getUint16(p + 10, true);
		const size = view.getUint32(p + 20, true);
		const nameLen = view.getUint16(p + 28, true);
		const extraLen = view.getUint16(p + 30, true);
		const commentLen = view.getUint16(p + 32, true);
		const local = view.getUint32(p + 42, true);
		const name = utf8.decode(data.subarray(p + 46, p + 46 + nameLen));
		out.set(name, async () => {
			const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
			const raw = data.subarray(start, start + size);
			if (method === 0) return raw;
			if (method === 8) return inflate(raw);
			throw new Error(`compression zip non prise en charge (${method})`);
		});
		p += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
	s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
		e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m)
	);
/** Text of every <t> inside (rich text runs concatenated). */
const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');

const colIndex = (ref: string) => {
	let n = 0;
	for (const ch of ref) {
		const c = ch.charCodeAt(0);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
};

export async function parseXlsx(data: Uint8Array): Promise<Omit<Parsed, 'separator'>> {
	const zip = zipEntries(data);
	const text = async (name: string) => {
		const get = zip.get(name);
		return get ? new TextDecoder().decode(await get()) : null;
	};
	// The first sheet of the workbook, through the workbook's relationships.
	let sheetPath = 'xl/worksheets/sheet1.xml';
	const workbook = await text('xl/workbook.xml');
	const rels = await text('xl/_rels/workbook.xml.rels');
	const rid = workbook && /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
	if (rid && rels) {
		const target = new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ??
			new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1];
		if (target) sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	}
	const sheet = await text(sheetPath);
	if (!sheet) throw new Error('aucune feuille trouvée');
	const sst = await text('xl/sharedStrings.xml');
	const shared = sst ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1])) : [];
	const rows: Array<{ line: number; cells: string[] }> = [];
	let next = 1;
	for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const line = Number(/\br="(\d+)"/.exec(rm[1])?.[1] ?? next);
		next = line + 1;
		const cells: string[] = [];
		let col = 0;
		for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const ref = /\br="([A-Z]+)\d*"/.exec(cm[1])?.[1];
			if (ref) col = colIndex(ref);
			const type = /\bt="(\w+)"/.exec(cm[1])?.[1];
			const body = cm[2] ?? '';
			const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
			let value = '';
			if (type === 's') value = v !== undefined ? (shared[Number(v)] ?? '') : '';
			else if (type === 'inlineStr') value = textOf(body);
			else if (type === 'b') value = v === '1' ? 'true' : 'false';
			else if (v !== undefined) value = unescapeXml(v);
			while (cells.length < col) cells.push('');
			cells[col] = value;
			col++;
		}
		if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
	}
	const [head, ...body] = rows;
	return { header: (head?.cells ?? []).map((h) => h.trim()), records: body.map((r) => r.cells), lines: body.map((r) => r.line) };
}
