import { type Command, Option } from 'commander';
import { ROLES } from '../domain/access.js';
import { createUser, findUnitIdByName, listUsers } from '../services/users.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

export function registerUsers(program: Command): void {
  const user = program.command('user').description('Người dùng của tỉnh (users of the province)');
  user
    .command('add')
    .description('Thêm người dùng (add a user)')
    .requiredOption('--username <name>', 'tên đăng nhập')
    .requiredOption('--password <password>', 'mật khẩu (ít nhất 8 ký tự)')
    .addOption(new Option('--role <role>', 'vai trò').choices(ROLES).makeOptionMandatory())
    .option('--unit <name>', 'đơn vị (bắt buộc với unit-editor)')
    .option('--display-name <name>', 'họ tên hiển thị')
    .option('--email <address>', 'địa chỉ thư điện tử (nhận nhắc nhở, kết quả)')
    .option('--json', 'in dạng JSON')
    .action(
      async (
        options: { username: string; password: string; role: string; unit?: string; displayName?: string; email?: string; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ handle, province, actor }) => {
          const unitId = options.unit ? await findUnitIdByName(handle.db, province.id, options.unit) : null;
          const created = await createUser(handle.db, actor, {
            username: options.username,
            password: options.password,
            role: options.role,
            unitId,
            ...(options.displayName ? { displayName: options.displayName } : {}),
            ...(options.email ? { email: options.email } : {}),
          });
          if (options.json) return printJson(created);
          info(`Đã thêm người dùng ${created.username} (${created.role}${created.unitName ? `, ${created.unitName}` : ''}).`);
        });
      },
    );
  user
    .command('list')
    .description('Danh sách người dùng (list users)')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const users = await listUsers(handle.db, actor);
        if (options.json) return printJson(users);
        printLines(users.map((u) => [u.username, u.role, u.unitName ?? '', u.email ?? '', u.active ? '' : 'đã khóa'].join('\t').trimEnd()));
      });
    });
}
