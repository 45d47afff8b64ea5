/**
 * portal-scorecard's command line: a thin client of the services, one file per noun.
 */
import { Command } from 'commander';
import { registerAppeals } from './appeals.js';
import { registerDaysOff } from './days-off.js';
import { registerBackup } from './backup.js';
import { registerCrawl } from './crawl.js';
import { registerDemo } from './demo.js';
import { registerGroups } from './groups.js';
import { registerImport } from './import.js';
import { registerMail } from './mail.js';
import { registerNotice } from './notice.js';
import { registerPakn } from './pakn.js';
import { registerPeriods } from './periods.js';
import { registerProposals } from './proposals.js';
import { registerPublish } from './publish.js';
import { registerReport } from './report.js';
import { registerReview } from './review.js';
import { registerServe } from './serve.js';
import { registerRules } from './rules.js';
import { registerSettings } from './settings.js';
import { registerSources } from './sources.js';
import { registerTemplate } from './template.js';
import { registerUnits } from './units.js';
import { registerWorker } from './worker.js';
import { registerUsers } from './users.js';

export function buildProgram(): Command {
  const program = new Command('portal-scorecard')
    .description(
      'Chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử.\n' +
        'Scores how well each unit keeps its e-portal updated, ranks them and writes the notice.',
    )
    .option('--db <path-or-url>', 'cơ sở dữ liệu: đường dẫn SQLite hoặc postgres://… (mặc định DATABASE_URL hoặc ./data/portal-scorecard.sqlite)')
    .option('--province <id>', 'mã tỉnh (mặc định: tỉnh đầu tiên)')
    .option('--as <user>', 'thực hiện với tư cách người dùng này của tỉnh (ghi vào nhật ký); mặc định: tài khoản hệ điều hành, quyền quản trị')
    .showHelpAfterError();
  registerImport(program);
  registerReport(program);
  registerNotice(program);
  registerSettings(program);
  registerPeriods(program);
  registerReview(program);
  registerPublish(program);
  registerUnits(program);
  registerGroups(program);
  registerTemplate(program);
  registerDemo(program);
  registerUsers(program);
  registerServe(program);
  registerBackup(program);
  registerWorker(program);
  registerPakn(program);
  registerRules(program);
  registerDaysOff(program);
  registerProposals(program);
  registerAppeals(program);
  registerSources(program);
  registerCrawl(program);
  registerMail(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
