/**
 * Checks a ZIP container (XLSX, DOCX) before any library inflates it. A 1 MB file can inflate to
 * gigabytes; exceljs and mammoth inflate every entry in memory, so the limits are enforced here
 * first, entry by entry: how many entries, what each declares, the ratio, and what each really
 * inflates to, read as a stream that is cut off at the cap. Only a file that passes is handed on.
 */
import yauzl from 'yauzl';

export interface ZipLimits {
  /** Entries in the archive (an XLSX has a dozen or so; a DOCX a few dozen). */
  maxEntries: number;
  /** Inflated bytes of any one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated / compressed, checked for entries above `ratioFloorBytes` (tiny parts may compress very well). */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;

/** Generous for a table of a province's units or a year of PAKN, far below what hurts the server. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 96 * MB,
  maxRatio: 150,
  ratioFloorBytes: 1 * MB,
};

/** A refusal, in words a user can act on; callers wrap it in their own error. */
export class ZipRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipRefused';
  }
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const BOMB = 'Tệp có thể là "bom nén" (tệp nhỏ bung ra rất lớn); không đọc tệp này.';

/**
 * Resolves when every entry is within the limits; rejects with ZipRefused otherwise (or when the
 * archive is not a readable ZIP). Nothing is kept: each entry is inflated to count its bytes only.
 */
export async function checkZip(content: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    // validateEntrySizes: yauzl fails a stream whose inflated size differs from the declared one.
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(new ZipRefused(`Tệp nén (XLSX/DOCX) hỏng, không đọc được: ${error.message}`)) : resolve(file),
    );
  });
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipRefused(`Tệp nén có ${zip.entryCount} phần, quá giới hạn ${limits.maxEntries} phần. ${BOMB}`);
    }
    const names = new Set<string>();
    let declaredTotal = 0;
    let inflatedTotal = 0;
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof ZipRefused) reject(error);
        // yauzl's own size check: an entry inflating to more (or less) than it declares.
        else if (/too (many|few) bytes in the stream/.test(message)) reject(new ZipRefused(`Một phần của tệp nén bung ra khác kích thước khai báo. ${BOMB}`));
        else reject(new ZipRefused(`Tệp nén (XLSX/DOCX) hỏng, không đọc được: ${message}`));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          // Two entries of one name: libraries disagree on which wins, so what we checked might not be what they read.
          if (names.has(entry.fileName)) throw new ZipRefused(`Tệp nén có hai phần cùng tên "${entry.fileName}"; không đọc tệp này.`);
          names.add(entry.fileName);
          declaredTotal += entry.uncompressedSize;
          if (entry.uncompressedSize > limits.maxEntryBytes) {
            throw new ZipRefused(`Phần "${entry.fileName}" bung ra ${mb(entry.uncompressedSize)}, quá giới hạn ${mb(limits.maxEntryBytes)}. ${BOMB}`);
          }
          if (declaredTotal > limits.maxTotalBytes) {
            throw new ZipRefused(`Tệp nén bung ra hơn ${mb(limits.maxTotalBytes)}, quá giới hạn. ${BOMB}`);
          }
          if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
            throw new ZipRefused(`Phần "${entry.fileName}" nén tới ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} lần (giới hạn ${limits.maxRatio} lần). ${BOMB}`);
          }
        } catch (error) {
          fail(error);
          return;
        }
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error) return fail(error);
          let inflated = 0;
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            inflatedTotal += chunk.length;
            // The declared size may lie; the real bytes are counted and the stream cut at the cap.
            if (inflated > Math.min(limits.maxEntryBytes, entry.uncompressedSize) || inflatedTotal > limits.maxTotalBytes) {
              stream.destroy();
              fail(new ZipRefused(`Phần "${entry.fileName}" bung ra nhiều hơn kích thước khai báo hoặc quá giới hạn. ${BOMB}`));
              return;
            }
          });
          stream.on('error', fail);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
