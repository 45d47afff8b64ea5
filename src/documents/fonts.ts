/**
 * The PDF's fonts: Tinos, metric-compatible with Times New Roman and covering Vietnamese, shipped
 * as full TTFs by @expo-google-fonts/tinos so `npm install` is all a user needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as parseFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));

let cache: Record<FontStyle, Buffer> | undefined;

/** The four TTFs, read once per process. */
export function tinosFonts(): Record<FontStyle, Buffer> {
  cache ??= {
    regular: readFileSync(join(packageDir, FILES.regular)),
    bold: readFileSync(join(packageDir, FILES.bold)),
    italic: readFileSync(join(packageDir, FILES.italic)),
    boldItalic: readFileSync(join(packageDir, FILES.boldItalic)),
  };
  return cache;
}

let parsed: Record<FontStyle, Font> | undefined;

/**
 * The four fonts parsed once per process and shared by every PDF: pdfkit takes a parsed font as
 * well as a file, and parsing the TTFs again for each notice took half of its rendering time.
 */
export function tinosParsed(): Record<FontStyle, Font> {
  const files = tinosFonts();
  parsed ??= {
    regular: parseFont(files.regular),
    bold: parseFont(files.bold),
    italic: parseFont(files.italic),
    boldItalic: parseFont(files.boldItalic),
  };
  return parsed;
}

let measurer: PDFKit.PDFDocument | undefined;

/** Width of a line of text in points, with Times New Roman metrics (Tinos shares them). */
export function textWidthPt(text: string, style: FontStyle, sizePt: number): number {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    const fonts = tinosParsed();
    for (const name of Object.keys(fonts) as FontStyle[]) measurer.registerFont(name, fonts[name] as unknown as Buffer);
  }
  measurer.font(style).fontSize(sizePt);
  return measurer.widthOfString(text.normalize('NFC'));
}

/**
 * Lines a text takes in a box of the given width, wrapped greedily at spaces (as Word, LibreOffice
 * and Excel wrap) with Times New Roman metrics. Explicit line breaks start new lines.
 */
export function wrappedLines(text: string, widthMm: number, style: FontStyle, sizePt: number): number {
  const room = (widthMm / 25.4) * 72;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidthPt(next, style, sizePt) > room) {
        lines += 1;
        line = word;
      } else {
        line = next;
      }
    }
  }
  return lines;
}
