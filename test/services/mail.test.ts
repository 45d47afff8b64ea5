import assert from 'node:assert/strict';
import { type Actor, cliActor } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { deliverPending, listMailLog, queueReminders, remindIfDue, smtpTransport } from '../../src/services/mail.js';
import { publish } from '../../src/services/publishing.js';
import { importSettings } from '../../src/services/settings.js';
import { listEvaluations, openPeriod, setDeductions, startReview } from '../../src/services/review.js';
import { saveSelfAssessment, submitSelfAssessment } from '../../src/services/self-assessment.js';
import { listUnits } from '../../src/services/registry.js';
import { createUser } from '../../src/services/users.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { startSmtp } from '../helpers/smtp.js';

const PASSWORD = 'mat-khau-thu';

/** The demo province (29 units of the seed), one editor with an address per unit, and the board. */
async function setUp(db: TestDatabase) {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  await importSettings(db.db, admin, { mailFrom: 'Ban Biên tập <bbt@bacninh.test>', mailReplyTo: 'thuky@bacninh.test' });
  const units = await listUnits(db.db, province.id);
  const editors = new Map<string, { actor: Actor; email: string }>();
  for (const [i, unit] of units.entries()) {
    const email = `donvi${i + 1}@bacninh.test`;
    const user = await createUser(db.db, admin, { username: `bt${i + 1}`, password: PASSWORD, role: 'unit-editor', unitId: unit.id, email });
    editors.set(unit.id, { actor: { userId: user.id, username: user.username, provinceId: province.id, role: 'unit-editor', unitId: unit.id }, email });
  }
  // A user without an address is simply not mailed; a viewer is not the board.
  await createUser(db.db, admin, { username: 'bt-khong-thu', password: PASSWORD, role: 'unit-editor', unitId: units[0]!.id });
  await createUser(db.db, admin, { username: 'thuky', password: PASSWORD, role: 'reviewer', email: 'thuky@bacninh.test' });
  await createUser(db.db, admin, { username: 'xem', password: PASSWORD, role: 'viewer', email: 'xem@bacninh.test' });
  return { province, admin, units, editors };
}

dbTest('reminders reach exactly the units not submitted, results every unit on publishing, nothing twice', async (db) => {
  const { admin, units, editors } = await setUp(db);
  const smtp = await startSmtp();
  const transport = smtpTransport(smtp.url);
  try {
    await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
    const submitted = units.slice(0, 3);
    for (const unit of submitted) {
      const { actor } = editors.get(unit.id)!;
      const [own] = (await listEvaluations(db.db, admin, '2024-03')).filter((e) => e.unitId === unit.id);
      const saved = await saveSelfAssessment(db.db, actor, '2024-03', unit.id, {
        version: own!.version,
        counts: { full: own!.required, partial: 0, none: 0 },
        articles: 40,
        selfScore: 100,
      });
      await submitSelfAssessment(db.db, actor, '2024-03', unit.id, { version: saved.version });
    }

    const plan = await queueReminders(db.db, admin, '2024-03');
    assert.equal(plan.notSubmitted.length, units.length - 3);
    assert.equal(plan.queued, units.length - 3 + 1, 'one reminder per editor of a unit not submitted, and the digest');
    const first = await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true });
    assert.deepEqual(first, { sent: units.length - 2, retrying: 0, failed: 0, noSender: 0 });

    const reminded = smtp.received.filter((m) => m.subject.startsWith('Nhắc gửi tự đánh giá tháng 03/2024'));
    const expected = units.slice(3).map((u) => editors.get(u.id)!.email).sort();
    assert.deepEqual(reminded.flatMap((m) => m.to).sort(), expected);
    for (const unit of submitted) assert.ok(!reminded.some((m) => m.to.includes(editors.get(unit.id)!.email)), `${unit.name} submitted: no reminder`);
    const digest = smtp.received.filter((m) => m.subject.startsWith('Tổng hợp kỳ tháng 03/2024'));
    assert.deepEqual(digest.map((m) => m.to), [['thuky@bacninh.test']]);
    assert.match(digest[0]!.subject, new RegExp(`${units.length - 3} đơn vị chưa gửi`));
    assert.match(reminded[0]!.raw, /Content-Type: text\/plain/);
    assert.match(reminded[0]!.raw, /Content-Type: text\/html/);
    assert.match(reminded[0]!.raw, /^Reply-To: thuky@bacninh\.test/m);
    assert.equal(reminded[0]!.from, 'bbt@bacninh.test');

    // The same run again (a second click, the schedule the same day): nothing new, nothing sent.
    const again = await queueReminders(db.db, admin, '2024-03');
    assert.equal(again.queued, 0);
    assert.deepEqual(await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true }), { sent: 0, retrying: 0, failed: 0, noSender: 0 });
    assert.equal(smtp.received.length, units.length - 2);

    // Publishing: every unit its result, the deducted one its deduction and the appeal deadline.
    await startReview(db.db, admin, '2024-03');
    // A unit that reported: its score is what it reported less the board's deduction.
    const deducted = units[1]!;
    const [evaluation] = (await listEvaluations(db.db, admin, '2024-03')).filter((e) => e.unitId === deducted.id);
    await setDeductions(db.db, admin, '2024-03', deducted.id, {
      version: evaluation!.version,
      deductions: [{ points: 2, reason: 'Một số câu trả lời PAKN quá hạn' }],
    });
    const before = smtp.received.length;
    await publish(db.db, admin, '2024-03', { number: '05/BBT-CTTĐT', date: '2024-03-27', notReported: 'apply-rule' });
    const sent = await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true });
    assert.equal(sent.sent, units.length);
    const results = smtp.received.slice(before);
    assert.deepEqual(results.flatMap((m) => m.to).sort(), [...editors.values()].map((e) => e.email).sort());
    const mine = results.find((m) => m.to.includes(editors.get(deducted.id)!.email))!;
    assert.match(mine.subject, new RegExp(`Kết quả chấm điểm tháng 03/2024: ${deducted.name} 98 điểm`));
    const body = textPart(mine.raw);
    assert.match(body, /Thông báo số 05\/BBT-CTTĐT ngày 27\/03\/2024/);
    assert.match(body, /- 2 điểm: Một số câu trả lời PAKN quá hạn/);
    // Five working days after Wednesday 27/03/2024: Wednesday 03/04/2024.
    assert.match(body, /đến hết ngày 03\/04\/2024/);
    const clean = results.find((m) => m.to.includes(editors.get(units[0]!.id)!.email))!;
    assert.match(textPart(clean.raw), /Đơn vị không bị trừ điểm\./);
    // A unit that never reported is told so, not given a clean result.
    const silent = results.find((m) => m.to.includes(editors.get(units[5]!.id)!.email))!;
    assert.match(textPart(silent.raw), /Không gửi tự đánh giá/);

    // Delivering again sends nothing: each result exactly once.
    await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true });
    assert.equal(smtp.received.length, before + units.length);
    const log = await listMailLog(db.db, admin, { reasonPrefix: 'result:2024-03' }, { limit: 100, offset: 0 });
    assert.equal(log.total, units.length);
    assert.ok(log.entries.every((e) => e.status === 'sent' && e.attempts === 1 && e.sentAt !== null));
  } finally {
    transport.close();
    await smtp.close();
  }
});

dbTest('a busy server is retried until it accepts, a refusing one is given up, both logged', async (db) => {
  const { admin, units } = await setUp(db);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  // Always 550 for one mailbox; 451 (busy) to the first three other RCPT TO, then accepts.
  let others = 0;
  const smtp = await startSmtp((_attempt, to) => {
    if (to === 'donvi2@bacninh.test') return 550;
    others += 1;
    return others <= 3 ? 451 : null;
  });
  const transport = smtpTransport(smtp.url);
  try {
    await queueReminders(db.db, admin, '2024-03');
    const first = await deliverPending(db.db, transport, { retryDelayMs: 60_000 });
    assert.equal(first.failed, 1, 'the 550 is permanent');
    assert.ok(first.retrying >= 3, 'the 451s wait for their retry');
    const retried = (await listMailLog(db.db, admin, { status: 'pending' }, { limit: 100, offset: 0 })).entries.filter((e) => e.attempts === 1);
    assert.equal(retried.length, 3);
    for (const entry of retried) assert.match(entry.lastError ?? '', /^451: /);

    // Not yet due: a second pass does not hammer the server.
    const early = smtp.attempts;
    await deliverPending(db.db, transport, { retryDelayMs: 60_000 });
    assert.equal(smtp.attempts, early);

    // Due now: they go out, once each.
    await db.db.updateTable('mail_outbox').set({ next_attempt_at: new Date(0).toISOString() }).execute();
    const later = await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true });
    assert.equal(later.failed, 0);
    assert.equal(later.retrying, 0);
    const log = await listMailLog(db.db, admin, {}, { limit: 100, offset: 0 });
    const failed = log.entries.filter((e) => e.status === 'failed');
    assert.deepEqual(failed.map((e) => e.recipient), ['donvi2@bacninh.test']);
    assert.match(failed[0]!.lastError ?? '', /^550: /);
    assert.equal(log.entries.filter((e) => e.status === 'sent').length, log.total - 1);
    assert.deepEqual(log.entries.filter((e) => e.attempts === 2).length, 3);
    const delivered = smtp.received.flatMap((m) => m.to);
    assert.equal(new Set(delivered).size, delivered.length, 'nobody got a message twice');
    // Every editor's reminder and the board's digest, less the refused mailbox.
    assert.equal(delivered.length, units.length + 1 - 1);
  } finally {
    transport.close();
    await smtp.close();
  }
});

dbTest('a server that is down: attempts counted, given up after the limit, the log says why', async (db) => {
  const { admin } = await setUp(db);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  const smtp = await startSmtp();
  const url = smtp.url;
  await smtp.close();
  const transport = smtpTransport(url, { connectMs: 2_000 });
  try {
    await queueReminders(db.db, admin, '2024-03');
    const summary = await deliverPending(db.db, transport, { retryDelayMs: 0, drain: true, maxAttempts: 2, limit: 3 });
    assert.equal(summary.sent, 0);
    const log = await listMailLog(db.db, admin, { status: 'failed' }, { limit: 100, offset: 0 });
    assert.ok(log.total >= 3);
    for (const entry of log.entries) {
      assert.equal(entry.attempts, 2);
      assert.match(entry.lastError ?? '', /ECONNECTION|ECONNREFUSED/);
    }
  } finally {
    transport.close();
  }
});

function textPart(raw: string): string {
  const match = /Content-Type: text\/plain; charset=utf-8\r?\nContent-Transfer-Encoding: (\S+)\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  if (!match) return raw;
  const [, encoding, body] = match;
  if (encoding!.toLowerCase() === 'base64') return Buffer.from(body!.replace(/\s/g, ''), 'base64').toString('utf8');
  if (encoding!.toLowerCase() === 'quoted-printable') {
    const bytes = body!.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body!;
}


dbTest('the schedule reminds only inside the window before the deadline, once', async (db) => {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  const units = await listUnits(db.db, province.id);
  await createUser(db.db, admin, { username: 'bt1', password: PASSWORD, role: 'unit-editor', unitId: units[0]!.id, email: 'bt1@bacninh.test' });
  // Deadline 10:00 on 22/03/2024 (Vietnam); the default window opens three days before.
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2024-03-22T03:00:00Z' });
  assert.equal(await remindIfDue(db.db, admin, '2024-03', new Date('2024-03-18T01:00:00Z')), null, 'too early');
  assert.equal(await remindIfDue(db.db, admin, '2024-03', new Date('2024-03-22T04:00:00Z')), null, 'deadline passed');
  const due = await remindIfDue(db.db, admin, '2024-03', new Date('2024-03-20T01:00:00Z'));
  assert.equal(due?.queued, 1);
  assert.equal((await remindIfDue(db.db, admin, '2024-03', new Date('2024-03-21T01:00:00Z')))?.queued, 0, 'the reminder is not queued twice');
});
