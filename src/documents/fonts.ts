/**
 * The PDF's fonts: Tinos, metric-compatible with Times New Roman and covering Vietnamese, shipped
 * as full TTFs by @expo-google-fonts/tinos so `npm install` is all a user needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

let measurer: PDFKit.PDFDocument | undefined;

/** Width of a line of text in points, with Times New Roman metrics (Tinos shares them). */
export function textWidthPt(text: string, style: FontStyle, sizePt: number): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  measurer.font(tinosFonts()[style]).fontSize(sizePt);
  return measurer.widthOfString(text.normalize('NFC'));
}
