/**
 * What a compressed file says it holds, read before anything is inflated: an XLSX's zip directory (each member's
 * declared size) and a Parquet file's footer (rows, uncompressed column sizes). A workbook of 700 KB whose shared
 * strings inflate to 300 MB would otherwise cost seconds and gigabytes before any message; it is refused here in
 * one line, from a few kilobytes of its end.
 */
const MB = 1_000_000;

/**
 * Limits of what a file may inflate to. An XLSX is decoded whole in JavaScript, where its XML costs several times
 * its size again. Ordinary data compresses 5 to 10 times (our own export of 60 400 households: 10,5 MB zipped,
 * 70 MB of XML), so a 50 MB workbook (the file limit, import.ts) holds at most some 400 MB, and a workbook
 * inflating more than 50 times is no table but a bomb. A Parquet file is decoded column by column: 2 GB, and
 * 5 million rows (twice the largest CSV the page takes).
 */
export const INFLATED_LIMITS = { xlsx: 400 * MB, xlsxRatio: 50, parquet: 2_000 * MB, parquetRows: 5_000_000 } as const;

const mb = (n: number) => (n < MB ? `${Math.round(n / 1000).toLocaleString('fr-FR')} Ko` : `${Math.round(n / MB).toLocaleString('fr-FR')} Mo`);

/** Sum of the declared uncompressed sizes in a zip's central directory; null when there is none to read. */
export async function zipInflatedSize(file: Blob): Promise<number | null> {
	// The end-of-central-directory record: 22 bytes, after a comment of at most 65 535 bytes.
	const tailSize = Math.min(file.size, 22 + 65_535);
	const tail = new Uint8Array(await file.slice(file.size - tailSize).arrayBuffer());
	const view = new DataView(tail.buffer);
	let eocd = -1;
	for (let i = tail.length - 22; i >= 0; i--)
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	if (eocd < 0) return null;
	const entries = view.getUint16(eocd + 10, true);
	const dirSize = view.getUint32(eocd + 12, true);
	const dirOffset = view.getUint32(eocd + 16, true);
	if (dirOffset + dirSize > file.size) return null;
	const dir = new DataView(await file.slice(dirOffset, dirOffset + dirSize).arrayBuffer());
	let total = 0;
	for (let k = 0, at = 0; k < entries && at + 46 <= dir.byteLength; k++) {
		if (dir.getUint32(at, true) !== 0x02014b50) return null;
		const size = dir.getUint32(at + 24, true);
		// 0xFFFFFFFF: the size is in a zip64 extra field, beyond 4 GB: over any limit.
		total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
		at += 46 + dir.getUint16(at + 28, true) + dir.getUint16(at + 30, true) + dir.getUint16(at + 32, true);
	}
	return total;
}

/** Rows and uncompressed size a Parquet footer declares; null when the footer cannot be read. */
export async function parquetDeclared(file: Blob): Promise<{ rows: number; bytes: number } | null> {
	if (file.size < 12) return null;
	const end = new DataView(await file.slice(file.size - 8).arrayBuffer());
	const length = end.getUint32(0, true);
	if (length + 8 > file.size) return null;
	const { parquetMetadata } = await import('hyparquet');
	try {
		const meta = parquetMetadata(await file.slice(file.size - 8 - length).arrayBuffer());
		let bytes = 0;
		for (const g of meta.row_groups) for (const c of g.columns) bytes += Number(c.meta_data?.total_uncompressed_size ?? 0);
		return { rows: Number(meta.num_rows), bytes };
	} catch {
		return null;
	}
}

/** Why a compressed file is refused from its declared sizes, in French; null when it may be read. */
export async function declaredSizeProblem(file: Blob, format: 'xlsx' | 'parquet' | 'arrow' | 'csv'): Promise<string | null> {
	if (format === 'xlsx') {
		const size = await zipInflatedSize(file);
		const ratio = size === null ? 0 : size / Math.max(1, file.size);
		if (size !== null && (size > INFLATED_LIMITS.xlsx || ratio > INFLATED_LIMITS.xlsxRatio))
			return `classeur Excel de ${mb(file.size)} qui se décompresse en ${mb(size)} (${Math.round(ratio)} fois sa taille ; limites : ${mb(INFLATED_LIMITS.xlsx)}, ${INFLATED_LIMITS.xlsxRatio} fois) ; enregistrez la feuille en CSV (« CSV UTF-8 ») et importez le CSV`;
	}
	if (format === 'parquet') {
		const d = await parquetDeclared(file);
		if (d && d.bytes > INFLATED_LIMITS.parquet)
			return `fichier Parquet qui se décompresse en ${mb(d.bytes)} (limite ${mb(INFLATED_LIMITS.parquet)}) ; découpez-le (par exemple par année)`;
		if (d && d.rows > INFLATED_LIMITS.parquetRows)
			return `fichier Parquet de ${d.rows.toLocaleString('fr-FR')} lignes (limite ${INFLATED_LIMITS.parquetRows.toLocaleString('fr-FR')}) ; découpez-le (par exemple par année)`;
	}
	return null;
}
