import type { Command } from 'commander';
import { nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import { changeUnit, listUnits, type Unit } from '../services/registry.js';
import { withContext } from './context.js';
import { printJson, printLines } from './output.js';

const isoDay = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw errors.validation(`Ngày "${value}" cần dạng YYYY-MM-DD.`);
  return value;
};

async function findUnit(units: Unit[], name: string): Promise<Unit> {
  const unit = units.find((u) => nameKey(u.name) === nameKey(name));
  if (!unit) throw errors.notFound(`đơn vị "${name}"`);
  return unit;
}

export function registerUnits(program: Command): void {
  program
    .command('units')
    .description('Danh sách đơn vị theo thứ tự đăng ký, mỗi dòng một đơn vị (list units)')
    .option('--json', 'in dạng JSON (kèm mã, nhóm, thứ tự)')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const units = await listUnits(handle.db, province.id);
        if (options.json) return printJson(units);
        printLines(units.map((u) => u.name));
      });
    });

  const unit = program.command('unit').description('Sửa sổ đăng ký đơn vị (rename, retire, merge, move)');
  unit
    .command('rename')
    .description('Đổi tên đơn vị từ một ngày; tên cũ vẫn được nhận ra trong tệp cũ')
    .argument('<name>', 'tên hiện tại')
    .argument('<newName>', 'tên mới')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày có hiệu lực')
    .action(async (name: string, newName: string, options: { from: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const target = await findUnit(await listUnits(handle.db, province.id), name);
        printJson(await changeUnit(handle.db, actor, target.id, { rename: { name: newName, effectiveOn: isoDay(options.from) } }));
      });
    });
  unit
    .command('retire')
    .description('Đơn vị thôi hoạt động từ một ngày; lịch sử được giữ')
    .argument('<name>')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày có hiệu lực')
    .action(async (name: string, options: { from: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const target = await findUnit(await listUnits(handle.db, province.id), name);
        printJson(await changeUnit(handle.db, actor, target.id, { retire: { effectiveOn: isoDay(options.from) } }));
      });
    });
  unit
    .command('merge')
    .description('Sáp nhập đơn vị vào đơn vị khác từ một ngày')
    .argument('<name>')
    .argument('<into>')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày có hiệu lực')
    .action(async (name: string, into: string, options: { from: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const units = await listUnits(handle.db, province.id);
        const [source, target] = [await findUnit(units, name), await findUnit(units, into)];
        printJson(await changeUnit(handle.db, actor, source.id, { merge: { intoUnitId: target.id, effectiveOn: isoDay(options.from) } }));
      });
    });
  unit
    .command('move')
    .description('Đổi thứ tự đăng ký của đơn vị')
    .argument('<name>')
    .requiredOption('--to <position>', 'vị trí mới (từ 1)')
    .action(async (name: string, options: { to: string }, command: Command) => {
      await withContext(command, async ({ handle, province, actor }) => {
        const target = await findUnit(await listUnits(handle.db, province.id), name);
        await changeUnit(handle.db, actor, target.id, { position: Number(options.to) });
        const units = await listUnits(handle.db, province.id);
        printLines(units.map((u) => `${u.position}\t${u.name}`));
      });
    });
}
