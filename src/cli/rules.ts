import { type Command, Option } from 'commander';
import { PAKN_OVERDUE_MODES, RANGE_SCORE_MODES, type RuleSet, type RuleValues } from '../domain/rules.js';
import { formatDate, formatNumber, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import { createRuleSet, listRuleSets, ruleSetForPeriod, ruleSetOn } from '../services/rules.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

const LABELS: [keyof RuleValues, string][] = [
  ['scale', 'Thang điểm'],
  ['partialCategoryPoints', 'Điểm trừ mỗi chuyên mục cập nhật không đầy đủ'],
  ['missingCategoryPoints', 'Điểm trừ mỗi chuyên mục không cập nhật'],
  ['paknOverdueMode', 'Cách trừ điểm PAKN quá hạn'],
  ['overdueAnswerPoints', 'Điểm trừ mỗi câu trả lời PAKN quá hạn (cách per_answer)'],
  ['paknCategory', 'Chuyên mục chứa PAKN'],
  ['capPerUnitMonth', 'Trừ tối đa mỗi đơn vị mỗi tháng'],
  ['floor', 'Điểm thấp nhất'],
  ['crawlTolerancePercent', 'Sai lệch cho phép khi đối chiếu số tin, bài (%)'],
  ['paknWorkingDays', 'Thời hạn trả lời PAKN (ngày làm việc)'],
  ['appealWorkingDays', 'Thời hạn khiếu nại kết quả (ngày làm việc)'],
  ['rangeScore', 'Điểm của công văn nhiều tháng (average | lowest | summed)'],
  ['notReportedPoints', 'Điểm trừ đơn vị không gửi tự đánh giá (không: mọi chuyên mục tính là không cập nhật)'],
  ['useCrawlStatuses', 'Tính trạng thái chuyên mục đo được khi quét cổng'],
  ['deadlineWorkingDays', 'Hạn nộp tự đánh giá đề xuất khi mở kỳ (ngày làm việc)'],
];

function show(value: RuleValues[keyof RuleValues]): string {
  if (value === null) return 'không';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  return typeof value === 'number' ? formatNumber(value) : value;
}

function describe(set: RuleSet): string[] {
  const head = set.isDefault
    ? `Bộ quy tắc MẶC ĐỊNH: ${set.note}`
    : `Bộ quy tắc có hiệu lực từ ${formatDate(set.effectiveFrom)}: ${set.note}`;
  return [head, ...LABELS.map(([key, label]) => `  ${label}: ${show(set[key])}`)];
}

const number = (flag: string) => (text: string) => {
  const value = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) throw errors.validation(`${flag}: "${text}" không phải là số.`);
  return value;
};

interface SetOptions {
  from: string;
  note: string;
  scale?: number;
  partialPoints?: number;
  missingPoints?: number;
  paknMode?: RuleValues['paknOverdueMode'];
  overdueAnswerPoints?: number;
  paknCategory?: string;
  cap?: string;
  floor?: number;
  crawlTolerance?: number;
  paknDays?: number;
  appealDays?: number;
  rangeScore?: RuleValues['rangeScore'];
  notReportedPoints?: string;
  crawlStatuses?: string;
  deadlineDays?: number;
}

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description('Quy tắc chấm điểm: xem bộ quy tắc đang áp dụng, các phiên bản, đặt bộ mới (scoring rules)')
    .option('--period <YYYY-MM>', 'bộ quy tắc áp dụng cho kỳ này (theo ngày cuối kỳ)')
    .option('--all', 'liệt kê mọi bộ quy tắc theo ngày hiệu lực')
    .option('--json', 'in dạng JSON')
    .action(async (options: { period?: string; all?: boolean; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        if (options.all) {
          const sets = await listRuleSets(handle.db, province.id);
          if (options.json) return printJson(sets);
          if (sets.length === 0) info('Chưa có bộ quy tắc nào; đang dùng quy tắc mặc định.');
          return printLines(sets.flatMap(describe));
        }
        const set = options.period
          ? await ruleSetForPeriod(handle.db, province.id, options.period)
          : await ruleSetOn(handle.db, province.id, todayInVietnam());
        if (options.json) return printJson(set);
        printLines(describe(set));
      });
    });

  rules
    .command('set')
    .description('Đặt bộ quy tắc mới có hiệu lực từ một ngày; giá trị không nêu giữ như bộ đang áp dụng')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày có hiệu lực (không được trước ngày cuối của kỳ đã công bố)')
    .requiredOption('--note <text>', 'căn cứ: số, ngày văn bản của Ban Biên tập')
    .option('--scale <n>', 'thang điểm', number('--scale'))
    .option('--partial-points <n>', 'điểm trừ mỗi chuyên mục cập nhật không đầy đủ', number('--partial-points'))
    .option('--missing-points <n>', 'điểm trừ mỗi chuyên mục không cập nhật', number('--missing-points'))
    .addOption(new Option('--pakn-mode <mode>', 'cách trừ điểm PAKN quá hạn').choices([...PAKN_OVERDUE_MODES]))
    .option('--overdue-answer-points <n>', 'điểm trừ mỗi câu trả lời PAKN quá hạn', number('--overdue-answer-points'))
    .option('--pakn-category <name>', 'tên chuyên mục chứa PAKN ("" để bỏ)')
    .option('--cap <n|none>', 'trừ tối đa mỗi đơn vị mỗi tháng, hoặc none')
    .option('--floor <n>', 'điểm thấp nhất', number('--floor'))
    .option('--crawl-tolerance <percent>', 'sai lệch cho phép khi đối chiếu số tin, bài', number('--crawl-tolerance'))
    .option('--pakn-days <n>', 'thời hạn trả lời PAKN (ngày làm việc)', number('--pakn-days'))
    .option('--appeal-days <n>', 'thời hạn khiếu nại (ngày làm việc)', number('--appeal-days'))
    .addOption(
      new Option('--range-score <mode>', 'công văn nhiều tháng: bình quân (average), tháng thấp nhất (lowest), trừ cộng dồn (summed)').choices([
        ...RANGE_SCORE_MODES,
      ]),
    )
    .option('--not-reported-points <n|categories>', 'điểm trừ đơn vị không gửi tự đánh giá, hoặc categories: mọi chuyên mục tính là không cập nhật')
    .addOption(new Option('--crawl-statuses <yes|no>', 'tính trạng thái chuyên mục đo được khi quét cổng').choices(['yes', 'no']))
    .option('--deadline-days <n>', 'hạn nộp tự đánh giá đề xuất khi mở kỳ (ngày làm việc)', number('--deadline-days'))
    .action(async (options: SetOptions, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const values: Partial<RuleValues> = {
          scale: options.scale,
          partialCategoryPoints: options.partialPoints,
          missingCategoryPoints: options.missingPoints,
          paknOverdueMode: options.paknMode,
          overdueAnswerPoints: options.overdueAnswerPoints,
          paknCategory: options.paknCategory === undefined ? undefined : options.paknCategory || null,
          capPerUnitMonth: options.cap === undefined ? undefined : options.cap === 'none' ? null : number('--cap')(options.cap),
          floor: options.floor,
          crawlTolerancePercent: options.crawlTolerance,
          paknWorkingDays: options.paknDays,
          appealWorkingDays: options.appealDays,
          rangeScore: options.rangeScore,
          notReportedPoints:
            options.notReportedPoints === undefined
              ? undefined
              : options.notReportedPoints === 'categories'
                ? null
                : number('--not-reported-points')(options.notReportedPoints),
          useCrawlStatuses: options.crawlStatuses === undefined ? undefined : options.crawlStatuses === 'yes',
          deadlineWorkingDays: options.deadlineDays,
        };
        const set = await createRuleSet(handle.db, actor, { effectiveFrom: options.from, note: options.note, values });
        printLines(describe(set));
      });
    });
}
