import { type Command, Option } from 'commander';
import { formatDate, formatNumber, nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import { decideProposals, type PeriodProposals, type ProposalDecision, proposalsForPeriod } from '../services/proposals.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

function proposalLines(result: PeriodProposals): string[] {
  const rules = result.ruleSet.isDefault
    ? `quy tắc mặc định (${result.ruleSet.note})`
    : `quy tắc có hiệu lực từ ${formatDate(result.ruleSet.effectiveFrom)} (${result.ruleSet.note})`;
  const lines = [`Đề xuất trừ điểm kỳ ${result.period}, theo ${rules}`];
  const withSomething = result.units.filter((u) => u.proposals.length > 0 || u.checks.length > 0);
  if (withSomething.length === 0) return [...lines, 'Không có đề xuất trừ điểm nào.'];
  for (const unit of withSomething) {
    lines.push(unit.unitName);
    unit.proposals.forEach((p, i) => {
      const capped = p.uncappedPoints === undefined ? '' : ` (trước giới hạn: ${formatNumber(p.uncappedPoints)})`;
      lines.push([`${i + 1}.`, `-${formatNumber(p.points)}${capped}`, p.reason].join('\t'));
    });
    for (const d of unit.deductions) lines.push(['', `đã ghi -${formatNumber(d.points)}`, d.reason].join('\t'));
    for (const check of unit.checks) lines.push(['', 'Kiểm tra', check].join('\t'));
  }
  return lines;
}

/** "2,3" → [2, 3]: the proposals to reject. */
function parseList(text: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((n) => !Number.isInteger(n) || n < 1)) throw errors.validation(`--reject: "${text}" cần dạng 1,2,3.`);
  return values;
}

export function registerProposals(program: Command): void {
  program
    .command('proposals')
    .description('Đề xuất trừ điểm của một kỳ theo quy tắc đang áp dụng (từ chuyên mục và PAKN quá hạn); chấp nhận cho một đơn vị')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'txt']).default('txt'))
    .option('--accept <unit>', 'chấp nhận các đề xuất của đơn vị này (kỳ chưa công bố); khoản trừ giữ liên kết tới đề xuất')
    .option('--reject <list>', 'cùng --accept: số thứ tự các đề xuất không chấp nhận, ví dụ 2,3')
    .action(async (options: { period: string; format: 'json' | 'txt'; accept?: string; reject?: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const result = await proposalsForPeriod(handle.db, actor, options.period);
        if (options.accept === undefined) {
          if (options.reject !== undefined) throw errors.validation('--reject chỉ dùng cùng --accept.');
          if (options.format === 'json') return printJson(result);
          return printLines(proposalLines(result));
        }
        const rejected = new Set(options.reject === undefined ? [] : parseList(options.reject));
        const unit = result.units.find((u) => nameKey(u.unitName) === nameKey(options.accept!));
        if (!unit) throw errors.notFound(`đánh giá của đơn vị "${options.accept}" trong kỳ ${options.period}`);
        const decisions: ProposalDecision[] = unit.proposals.map((_, i) => ({
          proposal: i + 1,
          action: rejected.has(i + 1) ? 'reject' : 'accept',
        }));
        const decided = await decideProposals(handle.db, actor, result.period, unit.unitId, decisions);
        if (options.format === 'json') return printJson(decided);
        printLines(decided.deductions.map((d) => `-${formatNumber(d.points)}\t${d.reason}`));
        info(`${unit.unitName}: ${formatNumber(decided.score)} điểm.`);
      });
    });
}
