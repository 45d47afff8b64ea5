import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import type { ProvinceSettings } from '../domain/province.js';
import { fieldValue, importSettings, SETTINGS_FIELDS, setSettingsField, type SettingsField } from '../services/settings.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

function settingsText(settings: ProvinceSettings): string[] {
  const lines: string[] = [];
  for (const [field, { kind, label }] of Object.entries(SETTINGS_FIELDS) as [SettingsField, { kind: string; label: string }][]) {
    const values = fieldValue(settings, field);
    if (kind === 'list') {
      lines.push(`${field} (${label}):`, ...values.map((v) => `  ${v}`));
    } else {
      lines.push(`${field} (${label}): ${values[0] ?? ''}`);
    }
  }
  return lines;
}

export function registerSettings(program: Command): void {
  const settings = program
    .command('settings')
    .description('Xem và sửa cấu hình công văn của tỉnh (show and change the province settings)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['txt', 'json']).default('txt'))
    .action(async (options: { format: 'txt' | 'json' }, command: Command) => {
      await withContext(command, async ({ province }) => {
        if (options.format === 'json') return printJson(province.settings);
        printLines(settingsText(province.settings));
      });
    });

  settings
    .command('set')
    .description(`Đặt một mục; mục dạng danh sách nhận nhiều giá trị theo thứ tự. Các mục: ${Object.keys(SETTINGS_FIELDS).join(', ')}`)
    .argument('<field>', 'tên mục, ví dụ parentBody hoặc signer.name')
    .argument('<values...>', 'giá trị (mỗi dòng của danh sách là một giá trị)')
    .action(async (field: string, values: string[], _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const updated = await setSettingsField(handle.db, actor, field, values);
        info(`Đã lưu ${field}.`);
        printLines(settingsText(updated.settings));
      });
    });

  settings
    .command('import')
    .description('Nhập cấu hình từ tệp JSON (các mục có trong tệp được thay)')
    .argument('<file>', 'tệp JSON, ví dụ từ "settings --format json"')
    .action(async (file: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const document: unknown = JSON.parse(await readFile(file, 'utf8'));
        await importSettings(handle.db, actor, document);
        info(`Đã nhập cấu hình từ ${file}.`);
      });
    });
}
