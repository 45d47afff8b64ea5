import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { PAKN_STATE_LABELS } from '../domain/pakn.js';
import { periodLabel } from '../domain/period.js';
import { formatCount, formatDate, isoDateInVietnam } from '../domain/text.js';
import { importPaknFile, listPakn, type OverdueReport, paknOverdue } from '../services/pakn.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as the board reads it: "05/02/2024 10:30", Vietnam time. */
function formatInstant(iso: string): string {
  const instant = new Date(iso);
  return `${formatDate(isoDateInVietnam(instant))} ${timeFormat.format(instant)}`;
}

function overdueLines(report: OverdueReport): string[] {
  const lines = [`PAKN quá hạn kỳ ${periodLabel(report.period.id)} (${formatDate(report.period.from)} – ${formatDate(report.period.to)})`];
  if (report.units.length === 0) return [...lines, 'Không có câu trả lời PAKN nào quá hạn.'];
  for (const unit of report.units) {
    lines.push(`${unit.name}: ${formatCount(unit.records.length)} câu trả lời quá hạn`);
    for (const r of unit.records) {
      const answer = r.answeredAt ? `trả lời ${formatInstant(r.answeredAt)}` : 'chưa trả lời';
      lines.push(
        ['', r.subject, `tiếp nhận ${formatInstant(r.receivedAt)}`, `hạn ${formatDate(r.dueDate)}`, answer, `trễ ${r.workingDaysLate} ngày làm việc`].join('\t'),
      );
    }
  }
  return lines;
}

export function registerPakn(program: Command): void {
  const pakn = program.command('pakn').description('Phản ánh kiến nghị (PAKN): nhập, tra cứu, quá hạn');

  pakn
    .command('import')
    .description('Nhập PAKN từ CSV hoặc XLSX (cột: Đơn vị, Ngày tiếp nhận, Nội dung, Hạn trả lời, Ngày trả lời)')
    .argument('<file>', 'tệp CSV (UTF-8) hoặc XLSX')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const summary = await importPaknFile(handle.db, actor, { content: await readFile(file), fileName: file });
        if (options.json) return printJson(summary);
        info(`Đã nhập ${summary.records} PAKN (${summary.format.toUpperCase()}): ${summary.inserted} mới, ${summary.updated} cập nhật.`);
        if (summary.computedDueDates > 0) info(`Tính hạn trả lời theo ngày làm việc cho ${summary.computedDueDates} PAKN.`);
      });
    });

  pakn
    .command('overdue')
    .description('Các câu trả lời PAKN quá hạn trong một kỳ (answered late, or still open past due at the period end)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'txt']).default('txt'))
    .action(async (options: { period: string; format: 'json' | 'txt' }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const report = await paknOverdue(handle.db, actor, options.period);
        if (options.format === 'json') return printJson(report);
        printLines(overdueLines(report));
      });
    });

  pakn
    .command('list')
    .description('Danh sách PAKN và trạng thái hiện tại')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const items = await listPakn(handle.db, actor);
        if (options.json) return printJson(items);
        printLines(
          items.map((r) =>
            [formatInstant(r.receivedAt), r.unitName, r.subject, `hạn ${formatDate(r.dueDate)}`, PAKN_STATE_LABELS[r.state]].join('\t'),
          ),
        );
      });
    });
}
