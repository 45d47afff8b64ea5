/**
 * The news item as a Word document: the headline in bold, then the paragraphs, Times New Roman
 * 14 pt, A4 with the notice's margins, so the portal's editor can paste or attach it as it is.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { NewsArticle } from '../domain/news.js';
import { A4_PAGE_TWIPS, BODY_INDENT_MM, FONT_FAMILY, FONT_PT, mmToTwip, PARAGRAPH_SPACING_PT } from './layout.js';

export async function renderNewsDocx(article: NewsArticle): Promise<Buffer> {
  const document = new Document({
    title: article.headline,
    styles: { default: { document: { run: { font: FONT_FAMILY, size: FONT_PT.body * 2 } } } },
    sections: [
      {
        properties: {
          page: A4_PAGE_TWIPS,
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: PARAGRAPH_SPACING_PT * 40 },
            children: [new TextRun({ text: article.headline.normalize('NFC'), bold: true, size: (FONT_PT.body + 2) * 2 })],
          }),
          ...article.paragraphs.map(
            (text) =>
              new Paragraph({
                alignment: AlignmentType.JUSTIFIED,
                indent: { firstLine: mmToTwip(BODY_INDENT_MM) },
                spacing: { after: PARAGRAPH_SPACING_PT * 20 },
                children: [new TextRun({ text: text.normalize('NFC') })],
              }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
