/** The audit log as the API gives it: who changed what, when, what it was before and after. */
import { z } from 'zod';

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** The same entry in the board's words, for people to read. */
  actor: z.string().describe('Người thực hiện; "(dòng lệnh)" khi chạy từ dòng lệnh'),
  actionLabel: z.string(),
  entityLabel: z.string(),
  subject: z.string().describe('Tên đơn vị, nhóm, người dùng hoặc kỳ thay cho mã'),
  changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
  atText: z.string().describe('Thời điểm theo giờ Việt Nam, dd/mm/yyyy HH:mm'),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(200).optional(),
  userId: z.string().max(100).optional(),
  unitId: z.string().max(100).optional().describe('đơn vị: bản ghi của đơn vị và của đơn vị trong các kỳ'),
  periodId: z.string().max(20).optional().describe('kỳ YYYY-MM: bản ghi của kỳ và của các đơn vị trong kỳ'),
  from: z.string().max(40).optional().describe('từ thời điểm/ngày (ISO), gồm cả mốc'),
  to: z.string().max(40).optional().describe('đến thời điểm/ngày (ISO), gồm cả ngày đó'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditFilter = z.infer<typeof auditQuery>;

export const auditPage = z.object({ total: z.number().int(), entries: z.array(auditEntry) });
export type AuditPage = z.infer<typeof auditPage>;
