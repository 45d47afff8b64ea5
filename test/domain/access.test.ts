import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canEditSelfAssessment,
  canListPeriod,
  canReadPeriodData,
  canReadUnitData,
  type Principal,
  workingDataUnit,
} from '../../src/domain/access.js';

const admin: Principal = { role: 'admin', unitId: null };
const reviewer: Principal = { role: 'reviewer', unitId: null };
const editor: Principal = { role: 'unit-editor', unitId: 'u1' };
const viewer: Principal = { role: 'viewer', unitId: null };

test('access rules, case by case', () => {
  const cases: [string, boolean, boolean][] = [
    ['viewer lists an open period', canListPeriod(viewer, 'open'), false],
    ['viewer lists a published period', canListPeriod(viewer, 'published'), true],
    ['editor lists an open period', canListPeriod(editor, 'open'), true],
    ['viewer reads an unpublished ranking', canReadPeriodData(viewer, 'review'), false],
    ['editor reads an unpublished ranking', canReadPeriodData(editor, 'review'), false],
    ['reviewer reads an unpublished ranking', canReadPeriodData(reviewer, 'open'), true],
    ['everyone reads a published ranking', [admin, reviewer, editor, viewer].every((p) => canReadPeriodData(p, 'published')), true],
    ['editor reads own unit while open', canReadUnitData(editor, 'open', 'u1'), true],
    ['editor reads another unit while open', canReadUnitData(editor, 'open', 'u2'), false],
    ['editor reads another unit once published', canReadUnitData(editor, 'published', 'u2'), true],
    ['viewer reads a unit while open', canReadUnitData(viewer, 'open', 'u1'), false],
    ['editor edits own unit', canEditSelfAssessment(editor, 'u1'), true],
    ['editor edits another unit', canEditSelfAssessment(editor, 'u2'), false],
    ['reviewer edits a self-assessment', canEditSelfAssessment(reviewer, 'u1'), false],
    ['admin edits a self-assessment', canEditSelfAssessment(admin, 'u1'), true],
  ];
  for (const [name, actual, expected] of cases) assert.equal(actual, expected, name);
});

test('whose working data (sources, crawl results, PAKN) one reads', () => {
  const cases: [string, ReturnType<typeof workingDataUnit>, ReturnType<typeof workingDataUnit>][] = [
    ['reviewer, every unit', workingDataUnit(reviewer, undefined), { unitId: undefined }],
    ['admin, one unit asked', workingDataUnit(admin, 'u2'), { unitId: 'u2' }],
    ['editor asking for none gets their own', workingDataUnit(editor, undefined), { unitId: 'u1' }],
    ['editor asking for their own', workingDataUnit(editor, 'u1'), { unitId: 'u1' }],
    ['editor asking for another unit', workingDataUnit(editor, 'u2'), 'other-unit'],
    ['editor without a unit', workingDataUnit({ role: 'unit-editor', unitId: null }, undefined), 'none'],
    ['viewer', workingDataUnit(viewer, undefined), 'none'],
  ];
  for (const [name, actual, expected] of cases) assert.deepEqual(actual, expected, name);
});
