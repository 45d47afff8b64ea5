import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Group, listGroups, setGroupCategories, setGroupRequiredCount } from '../services/registry.js';
import { withContext } from './context.js';
import { printJson, printLines } from './output.js';

function findGroup(groups: Group[], name: string): Group {
  const group = groups.find((g) => nameKey(g.name) === nameKey(name));
  if (!group) throw errors.notFound(`nhóm "${name}"`);
  return group;
}

export function registerGroups(program: Command): void {
  program
    .command('groups')
    .description('Các nhóm đơn vị với số chuyên mục phải cập nhật (list unit groups and their categories)')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const groups = await listGroups(handle.db, province.id);
        if (options.json) return printJson(groups);
        printLines(
          groups.flatMap((g) => [
            `${g.position}. ${g.name}: ${g.requiredCount} chuyên mục${g.categories.length === 0 ? ' (chỉ biết số lượng)' : ''}`,
            ...g.categories.map((c, i) => `   ${i + 1}. ${c.name}`),
          ]),
        );
      });
    });

  const group = program.command('group').description('Sửa nhóm đơn vị (categories of a group)');
  group
    .command('categories')
    .description('Đặt danh sách chuyên mục phải cập nhật của nhóm; số chuyên mục theo danh sách')
    .argument('<group>', 'tên nhóm')
    .argument('<file>', 'tệp văn bản, mỗi dòng một chuyên mục')
    .action(async (groupName: string, file: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const target = findGroup(await listGroups(handle.db, province.id), groupName);
        const names = (await readFile(file, 'utf8')).split(/\r?\n/);
        const updated = await setGroupCategories(handle.db, province.id, target.id, names);
        printLines([`${updated.name}: ${updated.requiredCount} chuyên mục`]);
      });
    });
  group
    .command('count')
    .description('Đặt số chuyên mục phải cập nhật khi chỉ biết số lượng')
    .argument('<group>', 'tên nhóm')
    .argument('<count>', 'số chuyên mục')
    .action(async (groupName: string, count: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const target = findGroup(await listGroups(handle.db, province.id), groupName);
        await setGroupRequiredCount(handle.db, province.id, target.id, Number(count));
        printLines([`${target.name}: ${Number(count)} chuyên mục`]);
      });
    });
}
