import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { importTemplate, type TemplateFormat } from '../services/templates.js';
import { info, printError } from './output.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('Ghi tệp mẫu nhập liệu với đủ các cột (write an empty import template)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['csv', 'xlsx']).makeOptionMandatory())
    .requiredOption('--out <file>', 'tệp ra')
    .action(async (options: { format: TemplateFormat; out: string }) => {
      try {
        await writeFile(options.out, await importTemplate(options.format));
        info(`Đã ghi mẫu ${options.format.toUpperCase()}: ${options.out}`);
      } catch (error) {
        printError(error);
      }
    });
}
