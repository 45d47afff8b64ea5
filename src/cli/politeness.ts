/**
 * How hard the crawler may press one server, for `crawl` and `worker` alike: the least time between
 * two requests, the requests in flight at once, and whether that budget is one per server address
 * (the sub-sites of a provincial platform often share one machine) or one per host name.
 */
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { POLITENESS, type FetcherOptions, type Politeness } from '../crawler/fetch.js';

export interface PolitenessFlags {
  politeness: string;
  delayMs?: string;
  perServer?: string;
}

export function addPolitenessOptions(command: Command): Command {
  return command
    .option('--politeness <server|host>', 'giãn cách theo máy chủ (các tên miền cùng một địa chỉ IP dùng chung) hay theo từng tên miền', 'server')
    .option('--delay-ms <n>', 'khoảng cách tối thiểu giữa hai yêu cầu tới một máy chủ, mili giây (mặc định 250; robots.txt Crawl-delay có thể tăng thêm)')
    .option('--per-server <n>', 'số yêu cầu cùng lúc tới một máy chủ (mặc định 2)');
}

/** A whole-number flag within bounds; anything else is refused with what the flag takes. */
export function wholeFlag(value: string | undefined, flag: string, min: number, max: number, meaning: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) throw errors.validation(`${flag} phải là ${meaning} từ ${min} đến ${max}.`);
  return n;
}

/** The fetcher's politeness settings from the flags; unset flags keep the fetcher's defaults. */
export function politenessOptions(flags: PolitenessFlags): Pick<FetcherOptions, 'politeness' | 'perHostDelayMs' | 'perHostConcurrency'> {
  if (!(POLITENESS as readonly string[]).includes(flags.politeness)) {
    throw errors.validation('--politeness nhận "server" (theo máy chủ: các tên miền cùng địa chỉ dùng chung giãn cách) hoặc "host" (theo từng tên miền).');
  }
  const delayMs = wholeFlag(flags.delayMs, '--delay-ms', 0, 600_000, 'số mili giây');
  const perServer = wholeFlag(flags.perServer, '--per-server', 1, 16, 'số yêu cầu');
  return {
    politeness: flags.politeness as Politeness,
    ...(delayMs === undefined ? {} : { perHostDelayMs: delayMs }),
    ...(perServer === undefined ? {} : { perHostConcurrency: perServer }),
  };
}
