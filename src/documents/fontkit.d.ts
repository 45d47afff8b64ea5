/** The part of fontkit (pdfkit's font engine, which ships no types) that the PDF renderer uses. */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
  }
  /** Parses a TrueType font. */
  export function create(buffer: Uint8Array): Font;
}
