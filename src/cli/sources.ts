import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { CATEGORY_STATUS_LABELS } from '../domain/evaluation.js';
import { countText } from '../domain/measured.js';
import { formatNumber } from '../domain/text.js';
import { errors } from '../errors.js';
import { trySource, type SourceTrial } from '../services/source-trial.js';
import { importSources, listSources } from '../services/sources.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';
import { PAGER_LABELS } from '../domain/measured.js';

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('Nguồn tin trên cổng của từng đơn vị để đối chiếu (portal sources per category)');
  sources
    .command('import')
    .description('Nhập nguồn tin từ tệp JSON: {"units":[{"name","portal","categories":[{"name","min","source":{…}}]}]}')
    .argument('<file>', 'tệp JSON (UTF-8)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        let content: unknown;
        try {
          content = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw errors.validation(`Tệp ${file} không phải JSON hợp lệ: ${error instanceof Error ? error.message : String(error)}`);
        }
        const summary = await importSources(handle.db, actor, content);
        if (options.json) return printJson(summary);
        info(`Đã nhập nguồn tin của ${summary.units} đơn vị, ${summary.categories} chuyên mục.`);
        if (summary.groupsListed.length > 0) info(`Lập danh sách chuyên mục cho nhóm: ${summary.groupsListed.join('; ')}`);
      });
    });
  sources
    .command('list')
    .description('Liệt kê nguồn tin đã nhập')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const list = await listSources(handle.db, actor);
        // The JSON is the file `sources import` reads back, without the units' ids.
        if (options.json) return printJson({ units: list.units.map(({ unitId: _id, ...p }) => p) });
        printLines(
          list.units.flatMap((p) => [
            `${p.name} — ${p.portal}`,
            ...p.categories.map((c) => `   ${c.name} (tối thiểu ${c.min}): ${c.source.type} ${c.source.url}`),
          ]),
        );
      });
    });
  sources
    .command('test')
    .description('Thử một nguồn: đọc danh sách (và các trang sau), in các mục và ngày, trang sau đã theo, số tin trong kỳ và có đủ hay không')
    .argument('<url>', 'địa chỉ trang danh sách, RSS, Atom hoặc sitemap')
    .option('--type <type>', 'html | rss | atom | sitemap', 'html')
    .option('--preset <name>', 'nền tảng có sẵn (README, "Nguồn tin")')
    .option('--item <css>', 'bộ chọn một mục trong danh sách')
    .option('--link <css>', 'bộ chọn liên kết trong mục')
    .option('--title <css>', 'bộ chọn tiêu đề trong mục')
    .option('--date <css>', 'bộ chọn ngày đăng trong mục (mặc định time[datetime])')
    .option('--next <css>', 'bộ chọn liên kết trang sau')
    .option('--pages <template>', 'địa chỉ trang n, ví dụ "?page={n}"')
    .option('--endpoint <template>', 'điểm cuối danh sách mà script của trang gọi, trang n')
    .option('--empty <css>', 'bộ chọn chỉ có khi danh sách trống')
    .option('--empty-text <text>', 'chữ chỉ có khi danh sách trống, ví dụ "Không có văn bản"')
    .option('--total <regex>', 'biểu thức chính quy có nhóm (…) bắt tổng số mục')
    .option('--period <YYYY-MM>', 'kỳ (mặc định tháng này)')
    .option('--min <n>', 'số tin tối thiểu của chuyên mục', '1')
    .option('--allow-loopback', 'cho phép đọc địa chỉ loopback (cổng giả lập khi thử nghiệm)')
    .option('--json', 'in dạng JSON')
    .action(async (url: string, options: Record<string, string | boolean | undefined>, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const keys = ['preset', 'item', 'link', 'title', 'date', 'next', 'pages', 'endpoint', 'empty', 'emptyText', 'total'] as const;
        const source: Record<string, unknown> = { type: options.type, url };
        for (const key of keys) if (typeof options[key] === 'string') source[key] = options[key];
        const trial = await trySource(
          handle.db,
          actor,
          { source, period: options.period as string | undefined, min: Number(options.min) },
          { contact: loadConfig().CRAWLER_CONTACT, allowLoopback: options.allowLoopback === true },
        );
        if (options.json) return printJson(trial);
        printLines(trialLines(trial));
      });
    });
}

function trialLines(t: SourceTrial): string[] {
  return [
    ...t.warnings.map((w) => `Lưu ý: ${w}`),
    ...t.pages.flatMap((p, i) => [
      `Trang ${i + 1}: ${p.url}${p.pager ? ` (theo ${PAGER_LABELS[p.pager] ?? p.pager})` : ''}${p.total !== null ? ` — trang ghi tổng ${formatNumber(p.total)} mục` : ''}${p.emptySign ? ' — có dấu hiệu danh sách trống' : ''}`,
      ...p.items.map((i) => `   ${i.inPeriod ? '*' : ' '} ${i.dateText ?? 'không có ngày'} — ${i.title || i.url}`),
    ]),
    `Kỳ ${t.period}: ${countText(t.posts, t.complete, formatNumber)} tin, bài (${t.status === 'unverified' ? 'chưa kiểm chứng' : CATEGORY_STATUS_LABELS[t.status]}); ${t.complete ? 'đủ' : 'chưa đủ'}: ${t.why}`,
  ];
}
