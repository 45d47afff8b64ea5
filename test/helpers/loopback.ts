/**
 * The real crawler on loopback: saved pages served by an HTTP server on 127.0.0.1 and read by the
 * Fetcher (robots.txt, statuses, redirects, charset) as a portal would be read.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawlerUserAgent, Fetcher } from '../../src/crawler/fetch.js';

/** What one path answers: a page with its status, or a redirect. */
export type LoopbackAnswer = { status: number; body: string } | { redirect: string };

export async function onLoopback<T>(files: Record<string, LoopbackAnswer>, use: (fetcher: Fetcher, origin: string) => Promise<T>): Promise<T> {
  const server = createServer((req, res) => {
    const doc = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (doc && 'redirect' in doc) {
      res.writeHead(302, { location: doc.redirect });
      res.end();
      return;
    }
    res.writeHead(doc?.status ?? 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(doc?.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = new Fetcher({
    userAgent: crawlerUserAgent('mailto:test@example.vn'),
    allowedOrigins: new Set([origin]),
    allowLoopback: true,
    perHostDelayMs: 0,
    retries: 0,
  });
  try {
    return await use(fetcher, origin);
  } finally {
    await fetcher.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
