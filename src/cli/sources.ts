import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { importSources, portalSources } from '../services/sources.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('Nguồn tin trên cổng của từng đơn vị để đối chiếu (portal sources per category)');
  sources
    .command('import')
    .description('Nhập nguồn tin từ tệp JSON: {"units":[{"name","portal","categories":[{"name","min","source":{…}}]}]}')
    .argument('<file>', 'tệp JSON (UTF-8)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        let content: unknown;
        try {
          content = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw errors.validation(`Tệp ${file} không phải JSON hợp lệ: ${error instanceof Error ? error.message : String(error)}`);
        }
        const summary = await importSources(handle.db, province.id, content);
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
      await withContext(command, async ({ handle, province }) => {
        const list = await portalSources(handle.db, province.id);
        if (options.json) return printJson({ units: list.map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories })) });
        printLines(
          list.flatMap((p) => [
            `${p.unit} — ${p.portal}`,
            ...p.categories.map((c) => `   ${c.name} (tối thiểu ${c.min}): ${c.source.type} ${c.source.url}`),
          ]),
        );
      });
    });
}
