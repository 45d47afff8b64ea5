import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { periodLabel } from '../domain/period.js';
import { formatCount, formatNumber, nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import { applyGroupListToPeriod, type PeriodListOffer, periodListOffers } from '../services/period-categories.js';
import { changeGroup, type Group, listGroups } from '../services/registry.js';
import { withContext } from './context.js';
import { printJson, printLines } from './output.js';

function findGroup(groups: Group[], name: string): Group {
  const group = groups.find((g) => nameKey(g.name) === nameKey(name));
  if (!group) throw errors.notFound(`nhóm "${name}"`);
  return group;
}

/** The open periods still on the group's old list, each with the way to apply the new one when allowed. */
function offerLines(groupName: string, offers: readonly PeriodListOffer[]): string[] {
  return offers.flatMap((offer) => [
    `- ${offer.message}`,
    ...(offer.canApply ? [`  Áp dụng (quản trị viên): portal-scorecard group apply-list ${JSON.stringify(groupName)} --period ${offer.period}`] : []),
  ]);
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
      await withContext(command, async ({ handle, province, actor }) => {
        const target = findGroup(await listGroups(handle.db, province.id), groupName);
        const names = (await readFile(file, 'utf8')).split(/\r?\n/);
        const updated = await changeGroup(handle.db, actor, target.id, { categories: names });
        const offers = await periodListOffers(handle.db, actor, target.id);
        printLines([`${updated.name}: ${updated.requiredCount} chuyên mục`, ...offerLines(updated.name, offers)]);
      });
    });
  group
    .command('apply-list')
    .description('Áp dụng danh sách chuyên mục hiện tại của nhóm cho một kỳ đang mở (chỉ khi chưa đơn vị nào của nhóm nhập phiếu)')
    .argument('<group>', 'tên nhóm')
    .requiredOption('--period <YYYY-MM>', 'kỳ đang mở')
    .action(async (groupName: string, options: { period: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const target = findGroup(await listGroups(handle.db, province.id), groupName);
        const applied = await applyGroupListToPeriod(handle.db, actor, target.id, options.period);
        const list = applied.periodCategories.length > 0 ? `${formatCount(applied.periodCategories.length)} chuyên mục` : 'chuyên mục chỉ tính theo số lượng';
        printLines([
          `Kỳ ${periodLabel(applied.period)}: nhóm ${target.name} dùng danh sách mới (${list}) cho ${formatNumber(applied.units)} đơn vị; các phiếu trở về "không cập nhật".`,
        ]);
      });
    });
  group
    .command('count')
    .description('Đặt số chuyên mục phải cập nhật khi chỉ biết số lượng')
    .argument('<group>', 'tên nhóm')
    .argument('<count>', 'số chuyên mục')
    .action(async (groupName: string, count: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const target = findGroup(await listGroups(handle.db, province.id), groupName);
        await changeGroup(handle.db, actor, target.id, { requiredCount: Number(count) });
        printLines([`${target.name}: ${Number(count)} chuyên mục`]);
      });
    });
}
