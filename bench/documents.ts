/**
 * Documents benchmark: the official notice of a 130-unit month as DOCX, PDF and XLSX,
 * through renderPeriodNotice as the publish workflow calls it (report read from an embedded
 * SQLite database, model built, file rendered). Median of several runs after a warm-up.
 *
 *   node --import tsx bench/documents.ts [--runs 15] [--write DIR]
 *
 * Run alone it prints the figures and writes bench/results/documents.md; with --write DIR it keeps
 * the three files there instead (scripts/render-pdf-pages.sh looks at the PDF).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/connection.js';
import { writePeriodEvaluations } from '../src/services/import.js';
import { type NoticeFormat, renderPeriodNotice } from '../src/services/notice.js';
import { createProvince } from '../src/services/provinces.js';
import { NATIONAL, provinceMonth } from './core.js';
import { publish } from '../src/services/publishing.js';
import { cliActor } from '../src/services/audit.js';

export interface DocumentsBenchOptions {
  units: number;
  runs: number;
  /** Keep the rendered files here. */
  writeDir?: string;
}

export interface DocumentsBenchRow {
  format: NoticeFormat;
  medianMs: number;
  minMs: number;
  /** CPU time of the process (user + system): steadier than wall time on a shared machine. */
  cpuMedianMs: number;
  bytes: number;
}

export const DOCUMENTS_DEFAULTS: DocumentsBenchOptions = { units: 130, runs: 15 };

const FORMATS: NoticeFormat[] = ['docx', 'pdf', 'xlsx'];
const AIM_MS = 300;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function runDocumentsBench(options: DocumentsBenchOptions = DOCUMENTS_DEFAULTS): Promise<DocumentsBenchRow[]> {
  const handle = await openDatabase(':memory:');
  try {
    const settings = {
      parentBody: 'UBND TỈNH BẮC NINH',
      issuingBody: 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH',
      place: 'Bắc Ninh',
      recipients: ['Các Sở, ban, ngành tỉnh', 'UBND các huyện, thị xã, thành phố', 'UBND các xã, phường'],
      distribution: ['Như trên', 'Lãnh đạo UBND tỉnh (b/c)', 'Văn phòng UBND tỉnh', 'Lưu: VT'],
      signer: { positionLines: ['TRƯỞNG BAN'], titleLines: ['CHÁNH VĂN PHÒNG UBND TỈNH'], name: 'Vũ Huy Phương' },
    };
    await createProvince(handle.db, { id: 'bench', name: 'Bắc Ninh', settings });
    const lines = provinceMonth({ ...NATIONAL, units: options.units }, 0, 2);
    await writePeriodEvaluations(handle.db, { provinceId: 'bench', periodId: '2024-02', lines });
    await publish(handle.db, cliActor('bench'), '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });

    const rows: DocumentsBenchRow[] = [];
    for (const format of FORMATS) {
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let run = -2; run < options.runs; run += 1) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const notice = await renderPeriodNotice(handle.db, 'bench', '2024-02', format);
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuStarted);
        if (run >= 0) {
          times.push(elapsed);
          cpu.push((used.user + used.system) / 1000);
        }
        bytes = notice.content.length;
        if (options.writeDir && run === options.runs - 1) {
          mkdirSync(options.writeDir, { recursive: true });
          writeFileSync(join(options.writeDir, `notice-${options.units}-units.${format}`), notice.content);
        }
      }
      rows.push({ format, medianMs: median(times), minMs: Math.min(...times), cpuMedianMs: median(cpu), bytes });
    }
    return rows;
  } finally {
    await handle.close();
  }
}

export function formatDocumentsBench(rows: DocumentsBenchRow[], options: DocumentsBenchOptions): string {
  const lines = [
    `Notice of a ${options.units}-unit month, median of ${options.runs} runs after 2 warm-up runs ` +
      `(renderPeriodNotice: report from SQLite, model, render). Aim: under ${AIM_MS} ms each.`,
    '',
    '| Format | Median (ms) | Fastest (ms) | CPU median (ms) | Size (KB) | Median under aim |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.format.toUpperCase()} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.cpuMedianMs.toFixed(1)} | ` +
        `${(r.bytes / 1024).toFixed(1)} | ${r.medianMs < AIM_MS ? 'yes' : 'no'} |`,
    ),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const options: DocumentsBenchOptions = {
    ...DOCUMENTS_DEFAULTS,
    runs: Number(arg('--runs') ?? DOCUMENTS_DEFAULTS.runs),
    writeDir: arg('--write'),
  };
  const table = formatDocumentsBench(await runDocumentsBench(options), options);
  console.log(table);
  if (!options.writeDir) {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the end`;
    const load = loadavg()[0]!;
    const note =
      load > cpus().length
        ? `\n\nThe machine was shared and overloaded (load ${load.toFixed(1)} on ${cpus().length} cores): wall times mostly ` +
          'measure waiting for a core; the CPU median is what one render costs.'
        : '';
    const results = new URL('./results/documents.md', import.meta.url).pathname;
    writeFileSync(
      results,
      `# Documents benchmark\n\nCommand: \`node --import tsx bench/documents.ts\` (also part of \`npm run bench\`).\n` +
        `Machine: ${machine}, ${new Date().toISOString().slice(0, 10)}.\n\n${table}${note}\n`,
    );
  }
}
