/** The province's settings: who issues the notice, to whom, who signs, when a period closes. */
import { z } from 'zod';
import { text } from './common.js';

const lines = z.array(text(500)).max(100);

/** Settings as sent by the admin: every text normalised on the way in. */
export const settingsInput = z.object({
  parentBody: text(300),
  issuingBody: text(300),
  place: text(100),
  noticeSymbol: text(50),
  portalShortName: text(100),
  recipients: lines,
  distribution: lines,
  signer: z.object({ positionLines: lines, titleLines: lines, name: text(200) }),
  legalBasis: lines,
  cutOffDay: z.number().int().min(1).max(31),
  // E-mail settings: optional so that a client not showing them leaves them as they are.
  mailFrom: text(254).optional(),
  mailReplyTo: text(254).optional(),
  reminderDaysBefore: z.number().int().min(0).max(365).optional(),
  staleAfterDays: z.number().int().min(0).max(365).optional(),
  rankingOrderLine: text(300).optional(),
  contact: text(300).optional(),
});

export const provinceInput = z.object({ name: text(200).optional(), settings: settingsInput });
export type ProvinceInput = z.input<typeof provinceInput>;

// Responses carry no transforms: the serializer encodes with the schema, and a transform has no way back.
const textLines = z.array(z.string());
export const signer = z.object({ positionLines: textLines, titleLines: textLines, name: z.string() });
export type Signer = z.infer<typeof signer>;

export const settings = z.object({
  parentBody: z.string(),
  issuingBody: z.string(),
  place: z.string(),
  noticeSymbol: z.string(),
  portalShortName: z.string(),
  recipients: textLines,
  distribution: textLines,
  signer,
  legalBasis: textLines,
  cutOffDay: z.number().int(),
  mailFrom: z.string(),
  mailReplyTo: z.string(),
  reminderDaysBefore: z.number().int(),
  staleAfterDays: z.number().int(),
  rankingOrderLine: z.string().describe('Dòng nêu cách xếp thứ tự trong công văn'),
  contact: z.string().describe('Liên hệ của Ban Biên tập cho đơn vị quá hạn nộp'),
});
export type ProvinceSettings = z.infer<typeof settings>;

export const province = z.object({ id: z.string(), name: z.string(), settings });
export type Province = z.infer<typeof province>;
