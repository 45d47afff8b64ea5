/**
 * Page layout of the notice per Decree 30/2020/NĐ-CP, Appendix I, shared by the DOCX, PDF and
 * XLSX renderers so the three agree: A4, margins, Times New Roman sizes, column widths.
 */

export const MM_PER_INCH = 25.4;
export const POINTS_PER_INCH = 72;

export const A4 = { widthMm: 210, heightMm: 297 } as const;

/** Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

export const TEXT_WIDTH_MM = A4.widthMm - MARGINS_MM.left - MARGINS_MM.right;

/**
 * The two header columns: issuing body on the left, national title on the right. As in the
 * board's own letters, the header reaches 6 mm into the left margin so that both the issuing
 * body and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" fit on one line each at 12 pt.
 */
export const HEADER_OFFSET_MM = 6;
export const HEADER_COLUMNS_MM = { left: 82, right: TEXT_WIDTH_MM + HEADER_OFFSET_MM - 82 } as const;

/** "Nơi nhận" on the left, signature block on the right. */
export const CLOSING_COLUMNS_MM = { left: 75, right: TEXT_WIDTH_MM - 75 } as const;

/** Font sizes in points (Decree 30, Appendix I). */
export const FONT_PT = {
  parentBody: 12,
  issuingBody: 12,
  nation: 12,
  motto: 13,
  number: 13,
  subject: 12,
  placeDate: 14,
  recipients: 14,
  body: 14,
  tableHeader: 11,
  table: 12,
  distributionLabel: 12,
  distribution: 11,
  signer: 14,
  pageNumber: 13,
} as const;

export const FONT_FAMILY = 'Times New Roman';

/** First-line indent of body paragraphs (Decree 30: 1–1.27 cm) and spacing between them. */
export const BODY_INDENT_MM = 10;
export const PARAGRAPH_SPACING_PT = 6;

/** Room left for the handwritten signature and seal. */
export const SIGNATURE_SPACE_MM = 25;

/**
 * Widths of the table's nine columns in millimetres; they add up to the text width. Each figure
 * column is as narrow as the longest word of its 11 pt bold header allows ("chuyên", "Không",
 * "02/2023", "TTĐT"), so that the unit name gets the rest: 63.5 mm of text at 12 pt holds every name
 * of the seed month on one line but "Viện Nghiên cứu Phát triển kinh tế - xã hội tỉnh" (80.6 mm),
 * which no portrait A4 table with these headers could give a line of its own.
 */
export const TABLE_COLUMNS_MM = [9.5, 65.5, 14, 10.5, 12.5, 13.5, 15, 11.5, 13] as const;

/** Cell padding: left and right, top and bottom (Word's default 1.9 mm would crowd the narrow columns). */
export const CELL_PADDING_MM = { x: 1, y: 0.8 } as const;

/** Rules under the issuing body (1/3 to 1/2 of its line) and under the motto (its full length). */
export const ISSUING_RULE_FRACTION = 0.4;

export const mmToPt = (mm: number) => (mm / MM_PER_INCH) * POINTS_PER_INCH;
/** Word's twentieths of a point. */
export const mmToTwip = (mm: number) => Math.round(mmToPt(mm) * 20);

/**
 * Excel measures a column in widths of the default font's digit (Calibri 11: 7 pixels at 96 dpi),
 * LibreOffice Calc likewise; a width in millimetres becomes that many digits.
 */
export const excelColumnWidth = (mm: number) => Math.round(((mm / MM_PER_INCH) * 96 * 100) / 7) / 100;

/**
 * Counts in a workbook: 1.389 with the Vietnamese dot whatever the reader's locale. '#,##0' lets
 * Excel and Calc draw the grouping from the reader's settings (1,389 on an English system), so
 * the dots are literal characters here, one section per size of number, and the cell keeps its
 * number for sums and formulas. Counts are never negative.
 */
export const XLSX_COUNT_FORMAT = '[>=1000000]#\\.###\\.##0;[>=1000]#\\.##0;0';

/**
 * Scores: whole points as a plain number ('0' has no separator to localise); a score with a
 * fraction shows the reader's decimal mark (99,5 on a Vietnamese system, 99.5 on an English one),
 * since a decimal mark cannot be written literally without turning the number into text.
 */
export const xlsxScoreFormat = (value: number) => (Number.isInteger(value) ? '0' : '0.0#');

/**
 * The A4 page with Decree 30's margins, in twips, as the docx library takes it: one definition for
 * the notice, the year's report and the news item, so that their pages cannot drift apart.
 */
export const A4_PAGE_TWIPS = {
  size: { width: mmToTwip(A4.widthMm), height: mmToTwip(A4.heightMm) },
  margin: {
    top: mmToTwip(MARGINS_MM.top),
    bottom: mmToTwip(MARGINS_MM.bottom),
    left: mmToTwip(MARGINS_MM.left),
    right: mmToTwip(MARGINS_MM.right),
  },
} as const;
