/**
 * The coalescing rule the ranking's fingerprint relies on: requests at once share a query, and no
 * request is answered by a query sent before it arrived.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Coalescer } from '../../src/db/coalesce.js';

/** A reader whose queries the test ends by hand; `sent` lists each query's items, in order. */
function manualReader<Item>() {
  const sent: { items: Item[]; end: (error?: Error) => void }[] = [];
  const read = (items: Item[]) =>
    new Promise<string[]>((resolve, reject) => {
      sent.push({ items, end: (error) => (error ? reject(error) : resolve(items.map((i) => `answer ${String(i)} #${sent.length}`))) });
    });
  return { sent, read };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a request alone is sent at once; requests arriving meanwhile wait for the next query, which is sent when it ends', async () => {
  const { sent, read } = manualReader<string>();
  const coalescer = new Coalescer(8, read);
  const first = coalescer.load('g', 'a', 'a');
  await settle();
  assert.deepEqual(sent.map((s) => s.items), [['a']]);
  // Arrive while the first query is under way: none may be answered by it (it was sent before them).
  const later = ['b', 'c', 'b', 'a'].map((item) => coalescer.load('g', item, item));
  await settle();
  assert.equal(sent.length, 1, 'nothing more is sent while the group is being read');
  sent[0]!.end();
  assert.equal(await first, 'answer a #1');
  await settle();
  assert.deepEqual(sent.map((s) => s.items), [['a'], ['b', 'c', 'a']], 'one query for the waiting requests, equal ones sharing a slot');
  sent[1]!.end();
  assert.deepEqual(await Promise.all(later), ['answer b #2', 'answer c #2', 'answer b #2', 'answer a #2']);
});

test('a full batch is sent without waiting; groups do not wait for each other', async () => {
  const { sent, read } = manualReader<number>();
  const coalescer = new Coalescer(3, read);
  const answers = [0, 1, 2, 3, 4, 5, 6].map((n) => coalescer.load('g', String(n), n));
  const other = coalescer.load('h', 'x', 99);
  await settle();
  // 0 alone (nothing under way), then 1-3 full, 4-6 full; 99 is another group's.
  assert.deepEqual(sent.map((s) => s.items), [[0], [1, 2, 3], [4, 5, 6], [99]]);
  sent.forEach((s) => s.end());
  assert.equal((await Promise.all(answers)).length, 7);
  assert.equal(await other, 'answer 99 #4');
});

test('a failed query fails its own requests only; the waiting ones get the next query', async () => {
  const { sent, read } = manualReader<string>();
  const coalescer = new Coalescer(8, read);
  const first = coalescer.load('g', 'a', 'a');
  const second = coalescer.load('g', 'b', 'b');
  await settle();
  sent[0]!.end(new Error('mất kết nối'));
  await assert.rejects(first, /mất kết nối/);
  await settle();
  assert.deepEqual(sent[1]!.items, ['b']);
  sent[1]!.end();
  assert.equal(await second, 'answer b #2');
  // The group is forgotten once idle, and a read that throws at once still settles its requests.
  const throwing = new Coalescer<string, string>(8, () => {
    throw new Error('không đọc được');
  });
  await assert.rejects(throwing.load('g', 'a', 'a'), /không đọc được/);
  await assert.rejects(throwing.load('g', 'a', 'a'), /không đọc được/);
});
