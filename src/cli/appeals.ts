import { type Command, Option } from 'commander';
import { APPEAL_STATUS_LABELS, APPEAL_STATUSES, type AppealStatus } from '../domain/appeals.js';
import { formatNumber, nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Appeal, appealDeadlineFor, decideAppeal, listAppeals, submitAppeal } from '../services/appeals.js';
import { listUnits } from '../services/registry.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

function appealLine(appeal: Appeal): string {
  const decision = appeal.decision ? `${APPEAL_STATUS_LABELS[appeal.status]}: ${appeal.decision}` : APPEAL_STATUS_LABELS[appeal.status];
  return [
    appeal.id,
    appeal.periodId,
    appeal.unitName,
    `khoản ${appeal.deduction.position} (-${formatNumber(appeal.deduction.points)} ${appeal.deduction.reason})`,
    appeal.reason,
    decision,
  ].join('\t');
}

export function registerAppeals(program: Command): void {
  const appeals = program.command('appeals').description('Khiếu nại kết quả trừ điểm đã công bố: nộp, xem, xem xét');

  appeals
    .command('list')
    .description('Danh sách khiếu nại')
    .option('--period <YYYY-MM>', 'chỉ kỳ này')
    .addOption(new Option('--status <status>', 'chỉ trạng thái này').choices([...APPEAL_STATUSES]))
    .option('--json', 'in dạng JSON')
    .action(async (options: { period?: string; status?: AppealStatus; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const list = await listAppeals(handle.db, actor, { periodId: options.period, status: options.status });
        if (options.json) return printJson(list);
        printLines(list.map(appealLine));
      });
    });

  appeals
    .command('submit')
    .description('Nộp khiếu nại một khoản trừ điểm của kỳ đã công bố, trong thời hạn của quy tắc')
    .requiredOption('--period <YYYY-MM>', 'kỳ đã công bố')
    .requiredOption('--unit <name>', 'đơn vị khiếu nại')
    .requiredOption('--deduction <n>', 'số thứ tự khoản trừ của đơn vị (từ 1)')
    .requiredOption('--reason <text>', 'lý do khiếu nại')
    .option('--evidence <link...>', 'tài liệu, đường dẫn chứng minh')
    .action(
      async (options: { period: string; unit: string; deduction: string; reason: string; evidence?: string[] }, command: Command) => {
        await withContext(command, async ({ handle, province, actor }) => {
          const unit = (await listUnits(handle.db, province.id)).find((u) => nameKey(u.name) === nameKey(options.unit));
          if (!unit) throw errors.notFound(`đơn vị "${options.unit}"`);
          const deduction = Number(options.deduction);
          if (!Number.isInteger(deduction) || deduction < 1) throw errors.validation('--deduction cần số nguyên từ 1.');
          const appeal = await submitAppeal(handle.db, actor, {
            periodId: options.period,
            unitId: unit.id,
            deduction,
            reason: options.reason,
            evidence: options.evidence ?? [],
          });
          printLines([appeal.id]);
          const { deadline } = await appealDeadlineFor(handle.db, actor, options.period);
          if (deadline) info(`Đã nhận khiếu nại của ${unit.name} (hạn khiếu nại kỳ ${options.period}: ${deadline}).`);
        });
      },
    );

  appeals
    .command('decide')
    .description('Xem xét khiếu nại: chấp nhận (đính chính kỳ, phát hành lại thông báo) hoặc không chấp nhận')
    .argument('<id>', 'mã khiếu nại')
    .addOption(new Option('--uphold', 'chấp nhận').conflicts('reject'))
    .addOption(new Option('--reject', 'không chấp nhận').conflicts('uphold'))
    .requiredOption('--reason <text>', 'lý do')
    .option('--points <n>', 'khi chấp nhận: điểm trừ còn lại (mặc định 0, bỏ khoản trừ)')
    .action(async (id: string, options: { uphold?: boolean; reject?: boolean; reason: string; points?: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        if (!options.uphold && !options.reject) throw errors.validation('Cần --uphold hoặc --reject.');
        const pointsAfter = options.points === undefined ? undefined : Number(options.points.replace(',', '.'));
        if (pointsAfter !== undefined && !Number.isFinite(pointsAfter)) throw errors.validation(`--points: "${options.points}" không phải là số.`);
        const appeal = await decideAppeal(handle.db, actor, id, {
          uphold: options.uphold === true,
          reason: options.reason,
          ...(pointsAfter === undefined ? {} : { pointsAfter }),
        });
        info(
          appeal.status === 'upheld'
            ? `Đã chấp nhận khiếu nại; kỳ ${appeal.periodId} được đính chính (lần ${appeal.correctionRevision}).`
            : 'Đã không chấp nhận khiếu nại.',
        );
      });
    });
}
