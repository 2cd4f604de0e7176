/**
 * A decompression bomb shaped as a real workbook (issue 21): a valid XLSX whose shared strings inflate to
 * `inflate` bytes (default 300 MB) from well under a megabyte zipped. Built from its six XML parts with
 * Node's zlib, so that nothing but the declared sizes gives it away. Used by tests/data/declared.test.ts and
 * bench/xlsx-bomb.ts.
 */
import { crc32, deflateRawSync } from 'node:zlib';

function zip(files: Array<[string, Buffer]>): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const [name, data] of files) {
		const packed = deflateRawSync(data, { level: 9 });
		const n = Buffer.from(name);
		const head = Buffer.alloc(30);
		head.writeUInt32LE(0x04034b50, 0);
		head.writeUInt16LE(20, 4);
		head.writeUInt16LE(8, 8); // deflate
		head.writeUInt32LE(crc32(data), 14);
		head.writeUInt32LE(packed.length, 18);
		head.writeUInt32LE(data.length, 22);
		head.writeUInt16LE(n.length, 26);
		const dir = Buffer.alloc(46);
		dir.writeUInt32LE(0x02014b50, 0);
		dir.writeUInt16LE(20, 4);
		dir.writeUInt16LE(20, 6);
		dir.writeUInt16LE(8, 10);
		dir.writeUInt32LE(crc32(data), 16);
		dir.writeUInt32LE(packed.length, 20);
		dir.writeUInt32LE(data.length, 24);
		dir.writeUInt16LE(n.length, 28);
		dir.writeUInt32LE(offset, 42);
		locals.push(head, n, packed);
		central.push(dir, n);
		offset += head.length + n.length + packed.length;
	}
	const size = central.reduce((s, b) => s + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(size, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...central, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const NS = 'http://schemas.openxmlformats.org';

/** A workbook of one sheet (header household_id, one row) whose shared strings table holds `inflate` bytes. */
export function xlsxBomb(inflate = 300_000_000): Buffer {
	const filler = '<si><t>vigie</t></si>';
	const count = Math.ceil(inflate / filler.length);
	const strings = Buffer.concat([
		Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}/spreadsheetml/2006/main" count="${count + 2}" uniqueCount="${count + 2}"><si><t>household_id</t></si><si><t>a1</t></si>`),
		Buffer.alloc(count * filler.length, filler),
		Buffer.from('</sst>')
	]);
	return zip([
		[
			'[Content_Types].xml',
			xml(
				`<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
			)
		],
		['_rels/.rels', xml(`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)],
		['xl/workbook.xml', xml(`<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="ménages" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
		[
			'xl/_rels/workbook.xml.rels',
			xml(
				`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
			)
		],
		['xl/worksheets/sheet1.xml', xml(`<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>`)],
		['xl/sharedStrings.xml', strings]
	]);
}
