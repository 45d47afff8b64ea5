/** The e-mail log as the API gives it: every message, to whom, what, when, how it went. */
import { z } from 'zod';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export const mailLogEntry = z.object({
  id: z.string(),
  reason: z.string().describe('Vì sao có thư: reminder:KỲ:ĐƠN VỊ, result:KỲ:rBẢN:ĐƠN VỊ, digest:KỲ:NGÀY'),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type MailLogEntry = z.infer<typeof mailLogEntry>;

export const mailLogQuery = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MailLogFilter = z.infer<typeof mailLogQuery>;

export const mailLogPage = z.object({ total: z.number().int(), entries: z.array(mailLogEntry) });
export type MailLogPage = z.infer<typeof mailLogPage>;
