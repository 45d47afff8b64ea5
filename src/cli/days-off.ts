import { type Command, Option } from 'commander';
import { HOLIDAY_NAMES } from '../domain/holidays.js';
import { formatDate, splitIsoDate, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import { removeDayChange, setDayChange, yearCalendar } from '../services/calendar.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw errors.validation(`Năm "${text}" cần dạng YYYY.`);
  return Number(text);
}

export function registerDaysOff(program: Command): void {
  const daysOff = program
    .command('days-off')
    .description('Ngày nghỉ lễ, Tết (tính theo âm lịch), nghỉ bù và ngày nghỉ, làm bù do Chính phủ thông báo')
    .option('--year <YYYY>', 'năm cần xem (mặc định năm nay)')
    .option('--json', 'in dạng JSON')
    .action(async (options: { year?: string; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const year = options.year === undefined ? splitIsoDate(todayInVietnam())[0] : parseYear(options.year);
        const calendar = await yearCalendar(handle.db, province.id, year);
        if (options.json) return printJson(calendar);
        const lines = calendar.holidays.map((h) => {
          const name = h.makesUpFor ? `${h.name} cho ngày ${formatDate(h.makesUpFor)}` : h.name;
          return [formatDate(h.date), weekdayOf(h.date), name].join('\t');
        });
        for (const change of calendar.changes) {
          const what = change.kind === 'off' ? 'Nghỉ theo thông báo' : 'Làm việc theo thông báo';
          lines.push([formatDate(change.date), weekdayOf(change.date), `${what}: ${change.note}`].join('\t'));
        }
        printLines(lines);
      });
    });

  daysOff
    .command('add')
    .description('Thêm ngày nghỉ hoặc ngày làm bù do Chính phủ thông báo')
    .argument('<date>', 'ngày, YYYY-MM-DD')
    .addOption(new Option('--kind <kind>', 'off: nghỉ; working: đi làm (thứ Bảy làm bù)').choices(['off', 'working']).makeOptionMandatory())
    .requiredOption('--note <text>', 'căn cứ: số văn bản thông báo')
    .action(async (date: string, options: { kind: 'off' | 'working'; note: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const { dueDatesMoved } = await setDayChange(handle.db, actor, { date, kind: options.kind, note: options.note });
        info(`Đã ghi ${formatDate(date)}: ${options.kind === 'off' ? 'nghỉ' : 'làm việc'}. Hạn trả lời PAKN thay đổi: ${dueDatesMoved}.`);
      });
    });

  daysOff
    .command('remove')
    .description('Bỏ một ngày nghỉ hoặc làm bù đã nhập')
    .argument('<date>', 'ngày, YYYY-MM-DD')
    .action(async (date: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const { dueDatesMoved } = await removeDayChange(handle.db, actor, date);
        info(`Đã bỏ ${formatDate(date)}. Hạn trả lời PAKN thay đổi: ${dueDatesMoved}.`);
      });
    });
}
