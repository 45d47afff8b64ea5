/**
 * `npm run farm -- [--portals N] [--categories N] [--period YYYY-MM] [--seed N] [--port N]
 * [--faults] [--sources FILE] [--latency-ms N] [--jitter-ms N] [--slow-share X] [--slow-ms N]
 * [--hosts-per-server N]`: serves the simulated portals on 127.0.0.1 until interrupted, and
 * optionally writes their sources in the format `sources import` reads.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Farm } from './model.js';
import { startFarm } from './server.js';

const { values } = parseArgs({
  options: {
    portals: { type: 'string', default: '130' },
    categories: { type: 'string', default: '22' },
    period: { type: 'string', default: '2024-02' },
    seed: { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
    faults: { type: 'boolean', default: false },
    sources: { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
    'jitter-ms': { type: 'string', default: '0' },
    'slow-share': { type: 'string', default: '0' },
    'slow-ms': { type: 'string', default: '0' },
    'hosts-per-server': { type: 'string' },
  },
});

const farm = new Farm({
  seed: Number(values.seed),
  portals: Number(values.portals),
  categories: Number(values.categories),
  period: values.period,
  faults: values.faults,
  ...(values['hosts-per-server'] ? { hostsPerServer: Number(values['hosts-per-server']) } : {}),
});
const server = await startFarm(farm, {
  port: Number(values.port),
  latencyMs: Number(values['latency-ms']),
  jitterMs: Number(values['jitter-ms']),
  slowShare: Number(values['slow-share']),
  slowResponseMs: Number(values['slow-ms']),
});
if (values.sources) {
  const units = farm.sources(server.port).map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories }));
  writeFileSync(values.sources, `${JSON.stringify({ units }, null, 2)}\n`);
}
process.stdout.write(
  `Farm: ${values.portals} portals × ${values.categories} categories, period ${values.period}, seed ${values.seed}\n` +
    `Listening on 127.0.0.1:${server.port}; portals at http://p0001.farm.localhost:${server.port}/ …\n` +
    (values['hosts-per-server'] ? `${values['hosts-per-server']} hosts per server address (127.1.0.1, …)\n` : '') +
    (values.sources ? `Sources written to ${values.sources}\n` : '') +
    'Ctrl-C to stop.\n',
);
process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
