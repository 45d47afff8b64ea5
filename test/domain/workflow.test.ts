import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPastDeadline, selfAssessmentDeadline, stepAllowed } from '../../src/domain/workflow.js';

test('the deadline is the end of the last day in Vietnam unless set', () => {
  assert.equal(selfAssessmentDeadline({ to: '2024-02-22', deadline: null }), '2024-02-22T16:59:59.999Z');
  assert.equal(selfAssessmentDeadline({ to: '2024-02-22', deadline: '2024-02-25T10:00:00.000Z' }), '2024-02-25T10:00:00.000Z');
  assert.equal(isPastDeadline('2024-02-22T16:59:59.999Z', new Date('2024-02-22T16:59:59.000Z')), false);
  assert.equal(isPastDeadline('2024-02-22T16:59:59.999Z', new Date('2024-02-22T17:00:00.000Z')), true);
});

test('steps by period status', () => {
  const table: [Parameters<typeof stepAllowed>[0], Parameters<typeof stepAllowed>[1], boolean][] = [
    ['self-assess', 'open', true],
    ['self-assess', 'review', false],
    ['start-review', 'open', true],
    ['start-review', 'review', false],
    ['deduct', 'open', false],
    ['deduct', 'review', true],
    ['deduct', 'published', false],
    ['publish', 'review', true],
    ['publish', 'published', false],
    ['correct', 'review', false],
    ['correct', 'published', true],
  ];
  for (const [step, status, expected] of table) assert.equal(stepAllowed(step, status), expected, `${step} in ${status}`);
});
