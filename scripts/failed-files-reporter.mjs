// A node:test reporter that appends the file of each failed test, one per line, to the file named by
// PS_FAILED_FILES, so that the runner (scripts/run-tests.mjs) knows which files failed without
// parsing the human report. Written at once rather than yielded: --test-force-exit may end the
// process before a reporter's stream is flushed. A failure that names no file is written as "?",
// which the runner never retries.
import { appendFileSync } from 'node:fs';

export default async function* failedFiles(source) {
  for await (const event of source) {
    if (event.type === 'test:fail' && process.env.PS_FAILED_FILES) appendFileSync(process.env.PS_FAILED_FILES, `${event.data.file ?? '?'}\n`);
  }
}
