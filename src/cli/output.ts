/**
 * All CLI output goes through here: results to stdout, errors to stderr with exit code 1.
 */
import { isAppError, type RowProblem } from '../errors.js';

export type OutputFormat = 'json' | 'txt';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
}

export function printText(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function info(message: string): void {
  process.stderr.write(message + '\n');
}

export function describeProblem(problem: RowProblem): string {
  const where = [problem.line > 0 ? `Dòng ${problem.line}` : null, problem.column ? `cột "${problem.column}"` : null]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** Prints an error the way a person can act on it and sets a non-zero exit code. */
export function printError(error: unknown): void {
  process.exitCode = 1;
  if (isAppError(error)) {
    process.stderr.write(`Lỗi: ${error.message}\n`);
    const problems = (error.details as { problems?: RowProblem[] } | undefined)?.problems;
    for (const problem of problems ?? []) process.stderr.write(`  - ${describeProblem(problem)}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Lỗi: ${message}\n`);
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
}
