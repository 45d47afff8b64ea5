/**
 * An import uploaded through the web application: the core import (whole file checked first,
 * nothing written on any problem), by the board's staff, audited in the same transaction.
 */
import { type Db, inTransaction } from '../db/connection.js';
import * as periodsRepo from '../db/repositories/periods.js';
import { isStaff } from '../domain/access.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { importPeriodFile, type ImportSummary } from './import.js';
import { requirePeriodId } from './periods.js';
import { getPeriodReport } from './report.js';

export async function importUpload(
  db: Db,
  actor: Actor,
  periodId: string,
  file: { content: Buffer; fileName: string },
): Promise<ImportSummary> {
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập được nhập số liệu.');
  requirePeriodId(periodId);
  return inTransaction(db, async (trx) => {
    const existed = await periodsRepo.get(trx, actor.provinceId, periodId);
    const before = existed ? await getPeriodReport(trx, actor.provinceId, periodId) : undefined;
    const summary = await importPeriodFile(trx, { provinceId: actor.provinceId, periodId, content: file.content, fileName: file.fileName });
    await recordAudit(trx, actor, {
      entity: 'period',
      entityId: periodId,
      action: 'import',
      before,
      after: { fileName: file.fileName, ...summary, report: await getPeriodReport(trx, actor.provinceId, periodId) },
    });
    return summary;
  });
}
