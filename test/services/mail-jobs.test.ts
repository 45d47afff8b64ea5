/**
 * Reminders on the job runner where PostgreSQL is used (pg-boss, as `worker --schedule` starts
 * it): the daily schedule is registered at 08:00 Vietnam time, and a due run, even fired twice,
 * queues each reminder once and delivers it through a real SMTP server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { periodOfDate } from '../../src/domain/period.js';
import { todayInVietnam } from '../../src/domain/text.js';
import { cliActor, listAudit } from '../../src/services/audit.js';
import { openCrawlQueue } from '../../src/services/crawl-jobs.js';
import { loadDemo } from '../../src/services/demo.js';
import { DELIVER_CRON, DELIVER_QUEUE, REMIND_CRON, REMIND_QUEUE, startMailSchedule } from '../../src/services/mail-jobs.js';
import { listMailLog, smtpTransport } from '../../src/services/mail.js';
import { listUnits } from '../../src/services/registry.js';
import { openPeriod } from '../../src/services/review.js';
import { importSettings } from '../../src/services/settings.js';
import { createUser } from '../../src/services/users.js';
import { openTestDatabase, PG_AVAILABLE, PG_URL } from '../helpers/db.js';
import { startSmtp } from '../helpers/smtp.js';

const skip = PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED';

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('pg-boss: the reminder schedule is registered; a due run, fired twice, queues and sends each reminder once', { skip, timeout: 180_000 }, async () => {
  const { database, cleanup } = await openTestDatabase('postgres');
  const queueSchema = `q_${database.schema!}`;
  const smtp = await startSmtp();
  const transport = smtpTransport(smtp.url);
  let boss: Awaited<ReturnType<typeof openCrawlQueue>> | undefined;
  try {
    const { province } = await loadDemo(database.db);
    const admin = cliActor(province.id);
    await importSettings(database.db, admin, { mailFrom: 'Ban Biên tập <bbt@bacninh.test>', mailReplyTo: 'thuky@bacninh.test' });
    const units = (await listUnits(database.db, province.id)).slice(0, 3);
    for (const [i, unit] of units.entries()) {
      await createUser(database.db, admin, { username: `bt${i + 1}`, password: 'mat-khau-thu', role: 'unit-editor', unitId: unit.id, email: `donvi${i + 1}@bacninh.test` });
    }
    await createUser(database.db, admin, { username: 'thuky', password: 'mat-khau-thu', role: 'reviewer', email: 'thuky@bacninh.test' });
    // The current period, its deadline tomorrow: inside the reminder window today.
    const periodId = periodOfDate(todayInVietnam(), province.settings.cutOffDay);
    await openPeriod(database.db, admin, { id: periodId, deadline: new Date(Date.now() + 86_400_000).toISOString() });

    boss = await openCrawlQueue({ connectionString: PG_URL, schema: queueSchema });
    await startMailSchedule(database.db, boss, transport);

    const schedules = (await boss.getSchedules()) as unknown as { name: string; cron: string; timezone?: string; options?: { tz?: string } }[];
    const byName = new Map(schedules.map((s) => [s.name, s]));
    assert.equal(byName.get(REMIND_QUEUE)?.cron, REMIND_CRON);
    assert.equal(REMIND_CRON, '0 8 * * *', 'every morning at 08:00');
    assert.equal(byName.get(REMIND_QUEUE)?.timezone ?? byName.get(REMIND_QUEUE)?.options?.tz, 'Asia/Ho_Chi_Minh');
    assert.equal(byName.get(DELIVER_QUEUE)?.cron, DELIVER_CRON);

    // The schedule comes due: pg-boss sends the queue a job. Sent twice, as two workers' clocks would.
    const jobs = [await boss.send(REMIND_QUEUE, {}), await boss.send(REMIND_QUEUE, {})];
    await until('both reminder runs', async () => {
      const states = await Promise.all(jobs.map(async (id) => (await boss!.getJobById(REMIND_QUEUE, id!))?.state));
      return states.every((s) => s === 'completed');
    });

    // Every unit but the three is unreachable (no editor with an address); the three, and the board's digest, once each.
    const expected = [...units.map((_, i) => `donvi${i + 1}@bacninh.test`), 'thuky@bacninh.test'].sort();
    await until('the messages delivered', async () => smtp.received.length >= expected.length);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.deepEqual(smtp.received.flatMap((m) => m.to).sort(), expected);
    const log = await listMailLog(database.db, admin, {}, { limit: 100, offset: 0 });
    assert.equal(log.total, expected.length, 'the outbox holds each message once');
    const reasons = log.entries.map((e) => e.reason).sort();
    assert.deepEqual(reasons.filter((r) => r.startsWith('reminder:')), units.map((u) => `reminder:${periodId}:${u.id}`).sort());
    assert.equal(reasons.filter((r) => r.startsWith('digest:')).length, 1);
    assert.ok(log.entries.every((e) => e.status === 'sent'));

    // Two runs, both the schedule's, the second queuing nothing new.
    const runs = await listAudit(database.db, admin, { entity: 'mail', entityId: `reminder:${periodId}`, limit: 10, offset: 0 });
    assert.deepEqual(
      runs.entries.map((e) => [e.username, (e.after as { queued: number }).queued]).sort(),
      [['lịch tự động', 0], ['lịch tự động', units.length + 1]],
    );
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    transport.close();
    await smtp.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${queueSchema} cascade`);
    await client.end();
    await cleanup();
  }
});
