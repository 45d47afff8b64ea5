/**
 * The ranking's fingerprint query, shared by requests at once (periodDataStamp): each request's
 * session is confirmed on its own, whatever it shares the query with, and a logout on another app
 * instance is seen by every request that starts after it.
 */
import assert from 'node:assert/strict';
import { openDatabase } from '../../../src/db/connection.js';
import { periodDataStamp, SESSION_SLOTS, type SessionToConfirm } from '../../../src/db/repositories/stamps.js';
import { cliActor } from '../../../src/services/audit.js';
import { authenticate, login, logout } from '../../../src/services/auth.js';
import { ensurePeriod } from '../../../src/services/periods.js';
import { createProvince } from '../../../src/services/provinces.js';
import { createUser, updateUser } from '../../../src/services/users.js';
import { dbTest } from '../../helpers/db.js';
import type { Db } from '../../../src/db/connection.js';

/** Province bn, its published 02/2024, and viewers xem0, xem1… (their ids). */
async function seed(db: Db, users: number): Promise<string[]> {
  await createProvince(db, { id: 'bn', name: 'Bắc Ninh' });
  await ensurePeriod(db, 'bn', '2024-02', 'published');
  const ids: string[] = [];
  for (let i = 0; i < users; i += 1) ids.push((await createUser(db, cliActor('bn'), { username: `xem${i}`, password: 'mật khẩu đủ dài', role: 'viewer' })).id);
  return ids;
}

/** A new session of `username`, as the HTTP layer remembers it. */
async function sessionOf(db: Db, username: string): Promise<SessionToConfirm> {
  const { token } = await login(db, username, 'mật khẩu đủ dài');
  const user = (await authenticate(db, token))!;
  return { id: user.sessionId, userVersion: user.userVersion, now: new Date().toISOString() };
}

dbTest('requests at once, more sessions than one query holds: each session confirmed on its own', async (database) => {
  const { db } = database;
  const users = await seed(db, SESSION_SLOTS + 4);
  const sessions = await Promise.all(Array.from({ length: SESSION_SLOTS + 4 }, (_, i) => sessionOf(db, `xem${i}`)));
  const ended = sessions[1]!;
  await logout(db, ended.id);
  const edited = sessions[5]!;
  await updateUser(db, cliActor('bn'), users[5]!, { displayName: 'Người xem đã đổi' });
  const expected = sessions.map((s) => (s === ended || s === edited ? null : 1));
  // Each session asked three times, and requests with no session among them, all at once.
  const asks = [...sessions, ...sessions, undefined, ...sessions, undefined];
  const answers = await Promise.all(asks.map((s) => periodDataStamp(db, 'bn', '2024-02', s)));
  const alone = await periodDataStamp(db, 'bn', '2024-02');
  assert.ok(alone);
  answers.forEach((answer, i) => {
    const ask = asks[i];
    assert.equal(answer?.stamp, alone.stamp);
    assert.equal(Number(answer?.sessionValid ?? 0) || null, ask ? expected[sessions.indexOf(ask)] : null, `request ${i}`);
  });
  assert.equal(await periodDataStamp(db, 'bn', '2024-13'), undefined, 'a period that does not exist');
});

dbTest('a logout on another instance is seen by the next request, while this instance is busy reading that session', async (database) => {
  await seed(database.db, 1);
  const other = await openDatabase(database.url, database.schema ? { pgSchema: database.schema } : {});
  try {
    for (let round = 0; round < 30; round += 1) {
      const session = await sessionOf(other.db, 'xem0');
      // Keep this instance reading the fingerprint with that session all the time, so that a query
      // of it is nearly always under way when the next request arrives (yielding, as requests do:
      // SQLite answers without I/O).
      let busy = true;
      const flood = Array.from({ length: 4 }, async () => {
        while (busy) {
          await periodDataStamp(database.db, 'bn', '2024-02', session);
          await new Promise(setImmediate);
        }
      });
      try {
        assert.equal(Number((await periodDataStamp(database.db, 'bn', '2024-02', session))?.sessionValid), 1);
        await logout(other.db, session.id);
        const after = await periodDataStamp(database.db, 'bn', '2024-02', session);
        assert.equal(after?.sessionValid ?? null, null, `round ${round}: a session ended on the other instance was accepted`);
      } finally {
        busy = false;
        await Promise.all(flood);
      }
    }
  } finally {
    await other.close();
  }
});
