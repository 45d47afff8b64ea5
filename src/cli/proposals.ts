import { type Command, Option } from 'commander';
import { formatDate, formatNumber } from '../domain/text.js';
import { type PeriodProposals, proposalsForPeriod } from '../services/proposals.js';
import { withContext } from './context.js';
import { printJson, printLines } from './output.js';

function proposalLines(result: PeriodProposals): string[] {
  const rules = result.ruleSet.isDefault
    ? `quy tắc mặc định (${result.ruleSet.note})`
    : `quy tắc có hiệu lực từ ${formatDate(result.ruleSet.effectiveFrom)} (${result.ruleSet.note})`;
  const lines = [`Đề xuất trừ điểm kỳ ${result.period}, theo ${rules}`];
  const withSomething = result.units.filter((u) => u.proposals.length > 0 || u.checks.length > 0);
  if (withSomething.length === 0) return [...lines, 'Không có đề xuất trừ điểm nào.'];
  for (const unit of withSomething) {
    lines.push(unit.unitName);
    for (const p of unit.proposals) {
      const capped = p.uncappedPoints === undefined ? '' : ` (trước giới hạn: ${formatNumber(p.uncappedPoints)})`;
      lines.push(['', `-${formatNumber(p.points)}${capped}`, p.reason].join('\t'));
    }
    for (const check of unit.checks) lines.push(['', 'Kiểm tra', check].join('\t'));
  }
  return lines;
}

export function registerProposals(program: Command): void {
  program
    .command('proposals')
    .description('Đề xuất trừ điểm của một kỳ theo quy tắc đang áp dụng (từ chuyên mục và PAKN quá hạn)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'txt']).default('txt'))
    .action(async (options: { period: string; format: 'json' | 'txt' }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const result = await proposalsForPeriod(handle.db, province.id, options.period);
        if (options.format === 'json') return printJson(result);
        printLines(proposalLines(result));
      });
    });
}
