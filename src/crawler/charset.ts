/**
 * Turning response bytes into text. Vietnamese portals serve UTF-8 or the legacy windows-1258, whose
 * tone marks are separate combining characters: decoded text is NFC-normalised so that titles
 * compare equal however the page was encoded.
 */
import iconv from 'iconv-lite';

const SNIFF_BYTES = 2048;

function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match ? match[1]!.toLowerCase() : null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** `<meta charset>`, `<meta http-equiv content="…charset=…">` or `<?xml encoding="…"?>` near the start. */
function charsetFromMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextDecoder('utf-8');

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictUtf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export interface Decoded {
  text: string;
  charset: string;
}

/**
 * Decodes a body: the BOM, then the Content-Type charset, then the markup's own declaration; when
 * none is usable, UTF-8 if the bytes are valid UTF-8, else windows-1258 (the legacy Vietnamese code page).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): Decoded {
  const declared = [charsetFromBom(bytes), charsetFromContentType(contentType), charsetFromMarkup(bytes)].find(
    (c): c is string => c !== null && iconv.encodingExists(c),
  );
  let text: string;
  let charset: string;
  if (declared === undefined) {
    const asUtf8 = strictUtf8Text(bytes);
    charset = asUtf8 === null ? 'windows-1258' : 'utf-8';
    text = asUtf8 ?? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  } else {
    charset = declared;
    // TextDecoder is native and strips a UTF-8 BOM; iconv-lite handles the rest.
    text = /^utf-?8$/.test(charset)
      ? utf8.decode(bytes)
      : iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: true });
  }
  return { text: text.normalize('NFC'), charset };
}

/**
 * Encodes text in windows-1258 the way legacy Vietnamese sites stored it: a base letter the code page
 * holds (a, â, ơ, …) followed by a combining tone mark. iconv-lite only maps characters one by one,
 * so precomposed letters such as "ế" are split here first.
 */
export function encodeWindows1258(text: string): Buffer {
  const out: string[] = [];
  for (const ch of text.normalize('NFC')) {
    if (!iconv.encode(ch, 'windows-1258').includes(0x3f) || ch === '?') {
      out.push(ch);
      continue;
    }
    const [base, ...marks] = ch.normalize('NFD');
    // Recompose the base with any mark that gives a code-page letter (ê, ơ, ă, …): in NFD the tone
    // mark may come first ("ộ" is o + dot below + circumflex), so every mark is tried.
    let head = base ?? '';
    const rest: string[] = [];
    for (const mark of marks) {
      const joined = (head + mark).normalize('NFC');
      if ([...joined].length === 1 && !iconv.encode(joined, 'windows-1258').includes(0x3f)) head = joined;
      else rest.push(mark);
    }
    out.push(head, ...rest);
  }
  return iconv.encode(out.join(''), 'windows-1258');
}
