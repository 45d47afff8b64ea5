import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { buildApp } from '../http/app.js';
import { buildFrontEnd, frontEndState, WEB_DIR } from '../http/front-end.js';
import { startDemo } from '../services/demo-users.js';
import { demoDatabaseTarget } from './context.js';
import { info, printError } from './output.js';

interface ServeOptions {
  demo?: boolean;
  port?: string;
  build: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Chạy ứng dụng web (run the web application on PORT, default 3000)')
    .option('--demo', 'bản thử: CSDL riêng ./data/demo.sqlite (trừ khi có --db/DATABASE_URL), dữ liệu mẫu 02/2024 và tài khoản thử; không bao giờ ghi vào CSDL đã có tỉnh')
    .option('--port <port>', 'cổng (mặc định PORT hoặc 3000)')
    .option('--no-build', 'không tự dựng giao diện web (web/dist)')
    .action(async (options: ServeOptions, command: Command) => {
      const globals = command.optsWithGlobals<{ db?: string }>();
      try {
        const config = loadConfig();
        if (options.build) {
          const state = frontEndState();
          if (state === 'absent') info('Chưa có mã giao diện web (web/index.html): chỉ phục vụ API.');
          if (state === 'stale') {
            info('Đang dựng giao diện web (vite build)…');
            // A broken front end must not take the API down with it: serve what was built before.
            await buildFrontEnd().catch((error: unknown) =>
              info(`Không dựng được giao diện web (${error instanceof Error ? error.message : String(error)}); dùng bản đã dựng trước đó nếu có.`),
            );
          }
        }
        const handle = await openDatabase(options.demo ? demoDatabaseTarget(command) : (globals.db ?? config.DATABASE_URL));
        if (options.demo) {
          const { province, loaded, accounts } = await startDemo(handle.db).catch(async (error: unknown) => {
            await handle.close();
            throw error;
          });
          if (loaded.length > 0) info(`Đã nạp dữ liệu mẫu: ${loaded.join(', ')} (${province.name}).`);
          info('Tài khoản thử (demo accounts):');
          for (const a of accounts) {
            info(`  ${a.role.padEnd(12)} ${a.username.padEnd(9)} mật khẩu: ${a.password}${a.unitName ? `  (${a.unitName})` : ''}`);
          }
        }
        const app = await buildApp({
          db: handle,
          webRoot: `${WEB_DIR}dist/`,
          logger: { level: config.LOG_LEVEL },
          cookieSecure: config.COOKIE_SECURE,
          trustProxyHops: config.TRUST_PROXY,
        });
        const port = options.port ? Number(options.port) : config.PORT;
        await app.listen({ port, host: config.HOST });
        const local = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(config.HOST);
        const shown = local ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
        info(`portal-scorecard: http://${shown}:${port}  (CSDL: ${handle.target}; API: /api/docs)`);
        const stop = async () => {
          await app.close();
          await handle.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (error) {
        printError(error);
      }
    });
}
