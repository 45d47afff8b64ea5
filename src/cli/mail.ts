import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { formatDate, isoDateInVietnam } from '../domain/text.js';
import { cliActor } from '../services/audit.js';
import { type DeliverySummary, deliverPending, listMailLog, planReminders, queueReminders, smtpTransport } from '../services/mail.js';
import type { Db } from '../db/connection.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

const STATUS_LABELS: Record<string, string> = { pending: 'chờ gửi', sending: 'đang gửi', sent: 'đã gửi', failed: 'không gửi được' };

/** Sends what is queued when SMTP_URL is set; says so when it is not. */
async function deliver(db: Db, provinceId: string): Promise<DeliverySummary | null> {
  const url = loadConfig().SMTP_URL;
  if (!url) {
    info('Chưa đặt SMTP_URL: thư đã xếp hàng, chưa gửi (gửi sau bằng "mail send" khi có máy chủ thư).');
    return null;
  }
  const transport = smtpTransport(url);
  try {
    // A few quick attempts now; what still fails is retried later by "mail send" or the worker.
    return await deliverPending(db, transport, { provinceId, retryDelayMs: 0, drain: true, maxAttempts: 3 });
  } finally {
    transport.close();
  }
}

function describeDelivery(summary: DeliverySummary): string {
  const parts = [`đã gửi ${summary.sent}`];
  if (summary.retrying) parts.push(`${summary.retrying} chờ gửi lại`);
  if (summary.failed) parts.push(`${summary.failed} không gửi được (xem "mail log")`);
  if (summary.noSender) parts.push(`${summary.noSender} chưa gửi vì tỉnh chưa có người gửi (settings set mailFrom …)`);
  return `Thư: ${parts.join(', ')}.`;
}

export function registerMail(program: Command): void {
  program
    .command('remind')
    .description('Nhắc các đơn vị chưa gửi tự đánh giá và gửi Ban biên tập bản tổng hợp (reminders and board digest)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .option('--dry-run', 'chỉ liệt kê thư sẽ gửi, không xếp hàng, không gửi')
    .option('--json', 'in dạng JSON')
    .action(async (options: { period: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const actor = cliActor(province.id);
        const plan = options.dryRun ? { ...(await planReminders(handle.db, actor, options.period)), queued: 0 } : await queueReminders(handle.db, actor, options.period);
        const summary = options.dryRun ? null : await deliver(handle.db, province.id);
        if (options.json) {
          return printJson({
            period: plan.periodId,
            deadline: plan.deadline,
            dryRun: options.dryRun ?? false,
            notSubmitted: plan.notSubmitted,
            messages: [...plan.reminders, ...plan.digest].map((m) => ({ reason: m.reason, to: m.recipient, subject: m.subject })),
            unitsWithoutRecipient: plan.unitsWithoutRecipient,
            queued: plan.queued,
            delivery: summary,
          });
        }
        printLines([
          `Kỳ ${plan.periodId}, hạn tự đánh giá ${formatDate(isoDateInVietnam(new Date(plan.deadline)))}: ${plan.notSubmitted.length} đơn vị chưa gửi.`,
          ...(plan.pastDeadline ? ['Đã quá hạn: không nhắc đơn vị nữa, chỉ gửi bản tổng hợp cho Ban biên tập.'] : []),
          ...[...plan.reminders, ...plan.digest].map((m) => `${options.dryRun ? 'Sẽ gửi' : 'Thư'}: ${m.recipient}\t${m.subject}`),
          ...plan.unitsWithoutRecipient.map((name) => `Không có người nhận (chưa có biên tập viên có địa chỉ thư): ${name}`),
        ]);
        if (!options.dryRun) {
          const total = plan.reminders.length + plan.digest.length;
          info(`Đã xếp ${plan.queued} thư mới${total > plan.queued ? `; ${total - plan.queued} thư đã xếp trước đó, không gửi lại` : ''}.`);
          if (summary) info(describeDelivery(summary));
        }
      });
    });

  const mail = program.command('mail').description('Thư điện tử: gửi thư đang chờ, xem nhật ký (e-mail outbox and log)');
  mail
    .command('send')
    .description('Gửi các thư đang chờ (cần SMTP_URL)')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const summary = await deliver(handle.db, province.id);
        if (summary) info(describeDelivery(summary));
      });
    });
  mail
    .command('log')
    .description('Nhật ký thư: người nhận, tiêu đề, thời điểm, kết quả')
    .option('--status <status>', 'pending | sent | failed')
    .option('--limit <n>', 'số dòng', '50')
    .option('--json', 'in dạng JSON')
    .action(async (options: { status?: string; limit: string; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const limit = Math.min(1000, Math.max(1, Number(options.limit) || 50));
        const log = await listMailLog(handle.db, cliActor(province.id), options.status ? { status: options.status } : {}, { limit, offset: 0 });
        if (options.json) return printJson(log);
        printLines(
          log.entries.map((e) =>
            [e.sentAt ?? e.updatedAt, STATUS_LABELS[e.status] ?? e.status, `${e.attempts} lần`, e.recipient, e.subject, e.lastError ?? ''].join('\t').trimEnd(),
          ),
        );
        info(`${log.entries.length}/${log.total} thư.`);
      });
    });
}
