/**
 * E-mail on the pg-boss job runner (PostgreSQL): every morning each province's current period is
 * checked for reminders (inside the window the settings give), and every minute the outbox is
 * delivered. The outbox's unique reason keys make a schedule that fires twice harmless.
 */
import type PgBoss from 'pg-boss';
import type { Db } from '../db/connection.js';
import * as periodsRepo from '../db/repositories/periods.js';
import { periodOfDate } from '../domain/period.js';
import { todayInVietnam } from '../domain/text.js';
import type { Actor } from './audit.js';
import { deliverPending, type MailTransport, remindIfDue } from './mail.js';
import { listProvinces } from './provinces.js';

export const REMIND_QUEUE = 'mail-remind';
export const DELIVER_QUEUE = 'mail-deliver';
/** 08:00 Vietnam time: reminders arrive at the start of the working day. */
export const REMIND_CRON = '0 8 * * *';
export const DELIVER_CRON = '* * * * *';

/** The scheduler acts as the board's system account in the audit log. */
function scheduleActor(provinceId: string): Actor {
  return { userId: null, username: 'lịch tự động', provinceId, role: 'admin', unitId: null };
}

/** Queues the reminders due today for every province's open current period; returns what was queued. */
export async function remindAllDue(db: Db, now: Date = new Date()): Promise<{ provinceId: string; periodId: string; queued: number }[]> {
  const done: { provinceId: string; periodId: string; queued: number }[] = [];
  for (const province of await listProvinces(db)) {
    const periodId = periodOfDate(todayInVietnam(now), province.settings.cutOffDay);
    if (!(await periodsRepo.get(db, province.id, periodId))) continue;
    const result = await remindIfDue(db, scheduleActor(province.id), periodId, now);
    if (result) done.push({ provinceId: province.id, periodId, queued: result.queued });
  }
  return done;
}

export async function startMailSchedule(db: Db, boss: PgBoss, transport: MailTransport): Promise<void> {
  await boss.createQueue(REMIND_QUEUE);
  await boss.createQueue(DELIVER_QUEUE);
  await boss.schedule(REMIND_QUEUE, REMIND_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.schedule(DELIVER_QUEUE, DELIVER_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(REMIND_QUEUE, async () => {
    await remindAllDue(db);
    await deliverPending(db, transport);
  });
  await boss.work(DELIVER_QUEUE, async () => {
    await deliverPending(db, transport);
  });
}
