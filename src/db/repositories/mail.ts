import type { Db } from '../connection.js';
import type { MailOutboxRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

const columns = [
  'id',
  'province_id',
  'reason',
  'recipient',
  'subject',
  'text_body',
  'html_body',
  'status',
  'attempts',
  'last_error',
  'next_attempt_at',
  'created_at',
  'sent_at',
  'updated_at',
] as const;

export interface NewMail {
  provinceId: string;
  reason: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Queues messages; one already queued for the same reason and recipient is left as it is, so a
 * reminder or a result is never queued (hence sent) twice. Returns how many were new.
 */
export async function enqueue(db: Db, mails: readonly NewMail[]): Promise<number> {
  let added = 0;
  for (const mail of mails) {
    const now = nowIso();
    const result = await db
      .insertInto('mail_outbox')
      .values({
        id: newId(),
        province_id: mail.provinceId,
        reason: mail.reason,
        recipient: mail.recipient,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        status: 'pending',
        attempts: 0,
        last_error: null,
        next_attempt_at: now,
        created_at: now,
        sent_at: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['province_id', 'reason', 'recipient']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Pending messages whose next attempt is due, oldest first. */
export async function listDue(db: Db, now: string, limit: number, provinceId?: string): Promise<MailOutboxRow[]> {
  return db
    .selectFrom('mail_outbox')
    .select(columns)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .$if(provinceId !== undefined, (q) => q.where('province_id', '=', provinceId!))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Takes a pending message for sending; false when another sender took it first. */
export async function claim(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'sending', updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function settle(
  db: Db,
  id: string,
  outcome: { status: 'sent' | 'pending' | 'failed'; attempts: number; error: string | null; nextAttemptAt?: string },
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('mail_outbox')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      last_error: outcome.error,
      updated_at: now,
      ...(outcome.status === 'sent' ? { sent_at: now } : {}),
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Messages left "sending" by a process that died are tried again after this instant. */
export async function releaseStale(db: Db, before: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ status: 'pending' }).where('status', '=', 'sending').where('updated_at', '<', before).execute();
}

export interface MailFilter {
  status?: string;
  reasonPrefix?: string;
}

export async function list(
  db: Db,
  provinceId: string,
  filter: MailFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MailOutboxRow[]; total: number }> {
  const base = db
    .selectFrom('mail_outbox')
    .where('province_id', '=', provinceId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.reasonPrefix !== undefined, (q) => q.where('reason', 'like', `${filter.reasonPrefix!.replace(/[%_\\]/g, '')}%`));
  const [rows, count] = await Promise.all([
    base.select(columns).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
