/**
 * E-mail. Every message goes through the outbox: it is written in the same
 * transaction as the event it tells about (a publication, a reminder run), once per reason and
 * recipient, then delivered by `deliverPending` with retries. The outbox is also the log admins read.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as mailRepo from '../db/repositories/mail.js';
import * as unitsRepo from '../db/repositories/units.js';
import * as usersRepo from '../db/repositories/users.js';
import type { PeriodRow, UserRow } from '../db/schema.js';
import { digestMessage, type Message, reminderMessage, resultMessage } from '../documents/messages.js';
import { isAdmin } from '../domain/access.js';
import { appealDeadline } from '../domain/appeals.js';
import type { ProvinceSettings } from '../domain/province.js';
import { isoDateInVietnam, todayInVietnam } from '../domain/text.js';
import { isPastDeadline, selfAssessmentDeadline } from '../domain/workflow.js';
import { errors } from '../errors.js';
import type { MailLogEntry } from '../contract/mail.js';
import { type Actor, recordAudit } from './audit.js';
import { workCalendarFor } from './calendar.js';
import { measuredForPeriod } from './crawl.js';
import { getProvince } from './provinces.js';
import type { PeriodReport } from '../domain/report.js';
import { ruleSetForPeriod } from './rules.js';
import { requirePeriodRow } from './self-assessment.js';
import { assertStaff } from './access.js';

/** What sends one message; nodemailer over SMTP in production, the same in tests (a real server). */
export interface MailTransport {
  send(mail: { from: string; replyTo?: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<void>;
  close(): void;
}

/** A transport for SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for TLS from the start). */
export function smtpTransport(url: string, timeouts: { connectMs?: number; socketMs?: number } = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: timeouts.connectMs ?? 15_000,
    greetingTimeout: timeouts.connectMs ?? 15_000,
    socketTimeout: timeouts.socketMs ?? 30_000,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail({ ...mail, messageId: mail.messageId });
    },
    close: () => transporter.close(),
  };
}

export interface DeliveryOptions {
  /** Attempts in all before a message is given up as failed. */
  maxAttempts?: number;
  /** Wait before the second attempt; each later one waits twice as long. */
  retryDelayMs?: number;
  /** Keep going while messages are due (tests and the CLI with retryDelayMs 0); else one pass. */
  drain?: boolean;
  provinceId?: string;
  limit?: number;
}

export interface DeliverySummary {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up: a permanent refusal (5xx) or too many attempts. */
  failed: number;
  /** Left queued because the province has no sender address. */
  noSender: number;
}

/** Messages left "sending" this long by a process that died are tried again. */
const STALE_SENDING_MS = 10 * 60_000;
const ERROR_MAX = 500;

function describeError(error: unknown): { text: string; permanent: boolean } {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = e.responseCode ?? e.code ?? 'lỗi';
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  return { text: `${code}: ${String(e.message ?? error)}`.slice(0, ERROR_MAX), permanent };
}

/** Sends the queued messages that are due, each at most once at a time; failures are retried with backoff. */
export async function deliverPending(db: Db, transport: MailTransport, options: DeliveryOptions = {}): Promise<DeliverySummary> {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, noSender: 0 };
  await mailRepo.releaseStale(db, new Date(Date.now() - STALE_SENDING_MS).toISOString());
  const settingsOf = new Map<string, ProvinceSettings>();
  const skipped = new Set<string>();
  for (;;) {
    const due = (await mailRepo.listDue(db, new Date().toISOString(), options.limit ?? 200, options.provinceId)).filter((m) => !skipped.has(m.id));
    if (due.length === 0) break;
    for (const mail of due) {
      let settings = settingsOf.get(mail.province_id);
      if (!settings) {
        settings = (await getProvince(db, mail.province_id)).settings;
        settingsOf.set(mail.province_id, settings);
      }
      if (!settings.mailFrom) {
        skipped.add(mail.id);
        summary.noSender += 1;
        continue;
      }
      if (!(await mailRepo.claim(db, mail.id))) {
        skipped.add(mail.id);
        continue;
      }
      const attempts = mail.attempts + 1;
      try {
        await transport.send({
          from: settings.mailFrom,
          ...(settings.mailReplyTo ? { replyTo: settings.mailReplyTo } : {}),
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
          // One Message-ID per outbox row: a receiving server that saw it already may drop a repeat.
          messageId: `<${mail.id}@portal-scorecard>`,
        });
        await mailRepo.settle(db, mail.id, { status: 'sent', attempts, error: null });
        summary.sent += 1;
      } catch (error) {
        const { text, permanent } = describeError(error);
        if (permanent || attempts >= maxAttempts) {
          await mailRepo.settle(db, mail.id, { status: 'failed', attempts, error: text });
          summary.failed += 1;
        } else {
          const wait = retryDelayMs * 2 ** (attempts - 1);
          await mailRepo.settle(db, mail.id, { status: 'pending', attempts, error: text, nextAttemptAt: new Date(Date.now() + wait).toISOString() });
          summary.retrying += 1;
          if (!options.drain || wait > 0) skipped.add(mail.id);
        }
      }
    }
    if (!options.drain) break;
  }
  summary.retrying = await countRetrying(db, options.provinceId);
  return summary;
}

async function countRetrying(db: Db, provinceId?: string): Promise<number> {
  if (!provinceId) return (await mailRepo.listDue(db, '9999-12-31T00:00:00.000Z', 10_000)).filter((m) => m.attempts > 0).length;
  const { rows } = await mailRepo.list(db, provinceId, { status: 'pending' }, { limit: 10_000, offset: 0 });
  return rows.filter((m) => m.attempts > 0).length;
}

/** A message for one person, with why it exists. */
export interface PlannedMail extends Message {
  reason: string;
  recipient: string;
  recipientName: string;
}

function boardName(settings: ProvinceSettings): string {
  return settings.issuingBody || 'Ban Biên tập Cổng Thông tin điện tử tỉnh';
}

const nameOf = (user: UserRow) => user.display_name || user.username;

/** Active users with an address: unit editors by unit, and the board (admins and reviewers). */
async function reachable(db: Db, provinceId: string): Promise<{ editorsOf: Map<string, UserRow[]>; board: UserRow[] }> {
  const users = await usersRepo.listReachable(db, provinceId);
  const editorsOf = new Map<string, UserRow[]>();
  for (const u of users) {
    if (u.role === 'unit-editor' && u.unit_id) editorsOf.set(u.unit_id, [...(editorsOf.get(u.unit_id) ?? []), u]);
  }
  return { editorsOf, board: users.filter((u) => u.role === 'admin' || u.role === 'reviewer') };
}

export interface ResultMailPlan {
  mails: PlannedMail[];
  /** Units whose result reaches nobody: no active editor with an e-mail address. */
  unitsWithoutRecipient: string[];
}

/**
 * The results of a publication (or a correction), one message to each editor of every unit:
 * its score, rank, deductions and the appeal deadline. Built from the report the publication stored.
 */
export async function planResultMails(db: Db, period: PeriodRow, report: PeriodReport): Promise<ResultMailPlan> {
  const provinceId = period.province_id;
  const [{ settings }, { editorsOf }, rules, calendar] = await Promise.all([
    getProvince(db, provinceId),
    reachable(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    workCalendarFor(db, provinceId),
  ]);
  const noticeDate = period.notice_date ?? todayInVietnam();
  const appealUntil = appealDeadline(noticeDate, rules.appealWorkingDays, calendar);
  const revision = Number(period.revision);
  const mails: PlannedMail[] = [];
  const unitsWithoutRecipient: string[] = [];
  for (const group of report.groups) {
    for (const unit of group.units) {
      const editors = editorsOf.get(unit.id) ?? [];
      if (editors.length === 0) unitsWithoutRecipient.push(unit.name);
      for (const editor of editors) {
        const message = resultMessage({
          board: boardName(settings),
          recipientName: nameOf(editor),
          unitName: unit.name,
          groupName: group.name,
          periodId: period.id,
          noticeNumber: period.notice_number ?? '',
          noticeDate,
          rank: unit.rank,
          unitsInGroup: group.units.length,
          score: unit.score,
          scale: report.rules.scale,
          articles: unit.articles,
          deductions: unit.deductions,
          appealUntil,
          revision,
        });
        mails.push({ ...message, reason: `result:${period.id}:r${revision}:${unit.id}`, recipient: editor.email!, recipientName: nameOf(editor) });
      }
    }
  }
  return { mails, unitsWithoutRecipient };
}

/**
 * Queues the results of a publication in the caller's transaction (the publication's own), so
 * that a publication rolled back queues nothing and one committed always has its messages.
 */
export async function queueResultMails(trx: Db, period: PeriodRow, report: PeriodReport): Promise<ResultMailPlan & { queued: number }> {
  const plan = await planResultMails(trx, period, report);
  const queued = await mailRepo.enqueue(trx, plan.mails.map((m) => toNewMail(period.province_id, m)));
  return { ...plan, queued };
}

function toNewMail(provinceId: string, m: PlannedMail): mailRepo.NewMail {
  return { provinceId, reason: m.reason, recipient: m.recipient, subject: m.subject, text: m.text, html: m.html };
}

export interface ReminderPlan {
  periodId: string;
  deadline: string;
  /** Units that have not submitted, with whether they have a draft. */
  notSubmitted: { unitId: string; unitName: string; state: 'none' | 'draft' }[];
  reminders: PlannedMail[];
  digest: PlannedMail[];
  unitsWithoutRecipient: string[];
  /** True when the deadline has passed: editors are no longer reminded, the board still gets its digest. */
  pastDeadline: boolean;
}

/**
 * Who is reminded for a period: the editors of every unit of the period that has not submitted
 * its self-assessment (no evaluation, or a draft), and the board's digest of those units and of
 * the categories the latest crawl found stale.
 */
export async function planReminders(db: Db, actor: Actor, periodId: string, now: Date = new Date()): Promise<ReminderPlan> {
  assertStaff(actor, 'Chỉ Ban biên tập được gửi nhắc nhở.');
  const period = await requirePeriodRow(db, actor.provinceId, periodId);
  if (period.status === 'published') throw errors.conflict(`Kỳ ${period.id} đã công bố; không còn gì để nhắc.`);
  const [{ settings }, units, evaluations, people, measured] = await Promise.all([
    getProvince(db, actor.provinceId),
    unitsRepo.list(db, actor.provinceId),
    evaluationsRepo.listForPeriod(db, actor.provinceId, period.id),
    reachable(db, actor.provinceId),
    measuredForPeriod(db, actor.provinceId, period.id, { withEvidence: false }),
  ]);
  const deadline = selfAssessmentDeadline({ to: period.to_date, deadline: period.deadline });
  const pastDeadline = isPastDeadline(deadline, now);
  const stateOf = new Map(evaluations.map((e) => [e.unit_id, e.state]));
  // A unit counts unless it was retired before the period began (one with an evaluation always counts).
  const inPeriod = units.filter((u) => stateOf.has(u.id) || !(u.retired_on && u.retired_on <= period.from_date));
  const notSubmitted = inPeriod
    .filter((u) => {
      const state = stateOf.get(u.id);
      return state === undefined || state === 'draft';
    })
    .map((u) => ({ unitId: u.id, unitName: u.name, state: stateOf.has(u.id) ? ('draft' as const) : ('none' as const) }));
  const board = boardName(settings);
  const reminders: PlannedMail[] = [];
  const unitsWithoutRecipient: string[] = [];
  if (!pastDeadline) {
    for (const unit of notSubmitted) {
      const editors = people.editorsOf.get(unit.unitId) ?? [];
      if (editors.length === 0) unitsWithoutRecipient.push(unit.unitName);
      for (const editor of editors) {
        const message = reminderMessage({ board, recipientName: nameOf(editor), unitName: unit.unitName, periodId: period.id, deadline, state: unit.state });
        reminders.push({ ...message, reason: `reminder:${period.id}:${unit.unitId}`, recipient: editor.email!, recipientName: nameOf(editor) });
      }
    }
  }
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const stale: { unitName: string; category: string; daysSinceLatest: number | null; crawledAt: string }[] = [];
  for (const [unitId, m] of measured) {
    for (const c of m.categories) {
      // Unverified categories were not read: their age is unknown, not stale.
      if (c.status === 'unverified') continue;
      if (c.daysSinceLatest === null || c.daysSinceLatest > settings.staleAfterDays) {
        stale.push({ unitName: unitName.get(unitId) ?? unitId, category: c.name, daysSinceLatest: c.daysSinceLatest, crawledAt: c.crawledAt });
      }
    }
  }
  const notCrawled = inPeriod.filter((u) => !measured.has(u.id)).length;
  const digestContent = digestMessage({
    board,
    periodId: period.id,
    deadline,
    notReported: notSubmitted.map((u) => ({ unitName: u.unitName, state: u.state })),
    stale,
    staleAfterDays: settings.staleAfterDays,
    notCrawled,
  });
  const today = isoDateInVietnam(now);
  const digest = people.board.map((u) => ({ ...digestContent, reason: `digest:${period.id}:${today}`, recipient: u.email!, recipientName: nameOf(u) }));
  return { periodId: period.id, deadline, notSubmitted, reminders, digest, unitsWithoutRecipient, pastDeadline };
}

/** Queues a period's reminders and digest in one audited transaction; returns the plan and how many were new. */
export async function queueReminders(db: Db, actor: Actor, periodId: string, now: Date = new Date()): Promise<ReminderPlan & { queued: number }> {
  const plan = await planReminders(db, actor, periodId, now);
  const queued = await db.transaction().execute(async (trx) => {
    const added = await mailRepo.enqueue(trx, [...plan.reminders, ...plan.digest].map((m) => toNewMail(actor.provinceId, m)));
    await recordAudit(trx, actor, {
      entity: 'mail',
      entityId: `reminder:${plan.periodId}`,
      action: 'queue',
      after: { reminders: plan.reminders.length, digest: plan.digest.length, queued: added, notSubmitted: plan.notSubmitted.map((u) => u.unitName) },
    });
    return added;
  });
  return { ...plan, queued };
}

/**
 * The scheduled run: inside the reminder window (the configured days before the deadline, up to
 * the deadline) it queues the period's reminders and digest; outside it does nothing.
 */
export async function remindIfDue(db: Db, actor: Actor, periodId: string, now: Date = new Date()): Promise<(ReminderPlan & { queued: number }) | null> {
  const [{ settings }, period] = await Promise.all([getProvince(db, actor.provinceId), requirePeriodRow(db, actor.provinceId, periodId)]);
  if (period.status !== 'open') return null;
  const deadline = Date.parse(selfAssessmentDeadline({ to: period.to_date, deadline: period.deadline }));
  const opens = deadline - settings.reminderDaysBefore * 86_400_000;
  if (now.getTime() < opens || now.getTime() > deadline) return null;
  return queueReminders(db, actor, periodId, now);
}

export type { MailLogEntry };

/** The log of every message (admins): to whom, what, when, and how it went. */
export async function listMailLog(
  db: Db,
  actor: Actor,
  filter: mailRepo.MailFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: MailLogEntry[]; total: number }> {
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được xem nhật ký thư điện tử.');
  const { rows, total } = await mailRepo.list(db, actor.provinceId, filter, page);
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      reason: r.reason,
      recipient: r.recipient,
      subject: r.subject,
      status: r.status as MailLogEntry['status'],
      attempts: Number(r.attempts),
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      updatedAt: r.updated_at,
    })),
  };
}
