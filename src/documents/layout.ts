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

/** Widths of the table's nine columns in millimetres; they add up to the text width. */
export const TABLE_COLUMNS_MM = [10, 54, 15, 13, 14, 15, 16, 14, 14] as const;

/** Cell padding: left and right, top and bottom (Word's default 1.9 mm would crowd the narrow columns). */
export const CELL_PADDING_MM = { x: 1, y: 0.8 } as const;

/** Rules under the issuing body (1/3 to 1/2 of its line) and under the motto (its full length). */
export const ISSUING_RULE_FRACTION = 0.4;

export const mmToPt = (mm: number) => (mm / MM_PER_INCH) * POINTS_PER_INCH;
/** Word's twentieths of a point. */
export const mmToTwip = (mm: number) => Math.round(mmToPt(mm) * 20);
