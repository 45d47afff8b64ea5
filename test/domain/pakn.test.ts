import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overdueInPeriod, type PaknRecord, paknDueDate, paknState } from '../../src/domain/pakn.js';
import { periodBounds } from '../../src/domain/period.js';
import { workCalendar } from '../../src/domain/working-days.js';

const calendar = workCalendar();
const at = (text: string) => new Date(text);

function record(id: string, dueDate: string, answeredAt: string | null, receivedAt = '2024-01-02T08:00:00+07:00'): PaknRecord {
  return { id, unitId: 'tien-du', subject: 'Hỏi về thủ tục đất đai', receivedAt: at(receivedAt), dueDate, answeredAt: answeredAt ? at(answeredAt) : null };
}

describe('PAKN due dates', () => {
  const cases: { name: string; received: string; days: number; due: string }[] = [
    { name: 'ten working days over Tết 2024', received: '2024-02-05T10:00:00+07:00', days: 10, due: '2024-02-26' },
    { name: 'the day of receipt is Vietnam’s (01:00 on Monday is Sunday in UTC)', received: '2024-02-04T18:00:00Z', days: 10, due: '2024-02-26' },
    { name: 'received late on a Sunday in Vietnam', received: '2024-02-04T16:59:00Z', days: 10, due: '2024-02-23' },
    { name: 'over New Year 2024', received: '2023-12-28T15:00:00+07:00', days: 5, due: '2024-01-05' },
    { name: 'five working days over 30/4–1/5 2024', received: '2024-04-26T09:00:00+07:00', days: 5, due: '2024-05-07' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(paknDueDate(at(c.received), c.days, calendar), c.due));
  }
});

describe('PAKN state', () => {
  const cases: { name: string; due: string; answered: string | null; asOf: string; state: string }[] = [
    { name: 'open before its due date', due: '2024-02-20', answered: null, asOf: '2024-02-20T23:00:00+07:00', state: 'open' },
    { name: 'overdue the day after', due: '2024-02-20', answered: null, asOf: '2024-02-21T00:10:00+07:00', state: 'overdue' },
    { name: 'answered on its due date, late evening', due: '2024-02-20', answered: '2024-02-20T23:30:00+07:00', asOf: '2024-03-01T00:00:00+07:00', state: 'answered' },
    { name: 'answered after midnight Vietnam time is late, though UTC says the due date', due: '2024-02-20', answered: '2024-02-20T17:30:00Z', asOf: '2024-03-01T00:00:00+07:00', state: 'answered_late' },
    { name: 'an answer after the instant asked about does not count yet', due: '2024-02-20', answered: '2024-02-25T09:00:00+07:00', asOf: '2024-02-22T12:00:00+07:00', state: 'overdue' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(paknState(record('x', c.due, c.answered), at(c.asOf)), c.state));
  }
});

describe('PAKN overdue in a period', () => {
  // Period 02/2024 runs 23/01/2024 to 22/02/2024.
  const february = periodBounds('2024-02');
  const records = [
    record('late', '2024-01-30', '2024-02-01T09:00:00+07:00'),
    record('on-time', '2024-02-20', '2024-02-20T23:30:00+07:00'),
    record('late-by-minutes', '2024-02-20', '2024-02-21T00:30:00+07:00'),
    record('open-past-due', '2024-02-15', null),
    record('open-due-on-last-day', '2024-02-22', null),
    record('late-last-period', '2024-01-10', '2024-01-20T09:00:00+07:00'),
    record('answered-next-period', '2024-02-15', '2024-02-28T09:00:00+07:00'),
  ];

  it('lists answers given late in the period and records still overdue at its end', () => {
    const overdue = overdueInPeriod(records, february, calendar);
    assert.deepEqual(
      overdue.map((o) => [o.record.id, o.kind, o.workingDaysLate]),
      [
        ['late', 'answered_late', 2],
        ['late-by-minutes', 'answered_late', 1],
        ['open-past-due', 'open_at_period_end', 5],
        ['answered-next-period', 'open_at_period_end', 5],
      ],
    );
  });

  it('counts a late answer in the period it was given, crossing New Year', () => {
    const january = periodBounds('2024-01'); // 23/12/2023 to 22/01/2024
    const overdue = overdueInPeriod(
      [record('new-year', '2023-12-29', '2024-01-03T10:00:00+07:00', '2023-12-15T10:00:00+07:00')],
      january,
      calendar,
    );
    assert.deepEqual(overdue.map((o) => [o.record.id, o.kind, o.workingDaysLate]), [['new-year', 'answered_late', 2]]);
  });

  it('counts again next month what is still unanswered, and a late answer in the month it is given', () => {
    const march = periodBounds('2024-03');
    const overdue = overdueInPeriod(records, march, calendar);
    assert.deepEqual(overdue.map((o) => [o.record.id, o.kind]), [
      ['open-past-due', 'open_at_period_end'],
      ['open-due-on-last-day', 'open_at_period_end'],
      ['answered-next-period', 'answered_late'],
    ]);
  });
});
