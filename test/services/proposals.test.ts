import assert from 'node:assert/strict';
import * as crawlsRepo from '../../src/db/repositories/crawls.js';
import * as evaluationsRepo from '../../src/db/repositories/evaluations.js';
import { nameKey } from '../../src/domain/text.js';
import { cliActor } from '../../src/services/audit.js';
import { crossCheck } from '../../src/services/crawl.js';
import { importPeriodFile, writePeriodEvaluations } from '../../src/services/import.js';
import { importPaknFile } from '../../src/services/pakn.js';
import { decideProposals, proposalsForPeriod } from '../../src/services/proposals.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { listUnits } from '../../src/services/registry.js';
import { getPeriodReport } from '../../src/services/report.js';
import { dbTest } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { publish } from '../../src/services/publishing.js';

dbTest('the reviewer accepts, edits or rejects proposals; deductions keep the link to what proposed them', async (db) => {
  const province = await resolveProvince(db.db);
  const provinceId = province.id;
  await importPeriodFile(db.db, cliActor(provinceId), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  await importPaknFile(db.db, cliActor(provinceId), {
    content: Buffer.from(
      'Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời\n' +
        'Sở Y tế,02/01/2024,Hỏi về thuốc,05/01/2024,\n' +
        'Huyện Tiên Du,02/01/2024,Hỏi về đất,05/01/2024,\n',
    ),
    fileName: 'p.csv',
  });
  const proposals = await proposalsForPeriod(db.db, cliActor(provinceId), '2024-02');
  // Units as the registry (and the notice) lists them, not in the order of their rows' ids.
  assert.deepEqual(proposals.units.map((u) => u.unitName), (await listUnits(db.db, provinceId)).map((u) => u.name));
  const yTe = proposals.units.find((u) => u.unitName === 'Sở Y tế')!;
  const tienDu = proposals.units.find((u) => u.unitName === 'Huyện Tiên Du')!;
  assert.deepEqual(tienDu.deductions, [{ points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }]);
  const actor = cliActor(provinceId);

  const accepted = await decideProposals(db.db, actor, '2024-02', yTe.unitId, [{ proposal: 1, action: 'accept' }]);
  assert.deepEqual(accepted, { deductions: [{ points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }], score: 98 });
  const evaluation = (await evaluationsRepo.listForPeriod(db.db, provinceId, '2024-02', { unitId: yTe.unitId }))[0]!;
  const [stored] = await evaluationsRepo.listDeductions(db.db, [evaluation.id]);
  assert.deepEqual(JSON.parse(stored!.origin!), {
    proposal: yTe.proposals[0]!.origin,
    proposedPoints: 2,
    proposedReason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn',
    edited: false,
  });
  assert.equal(yTe.proposals[0]!.origin.kind, 'pakn');

  // Deciding again replaces what the proposals made, never adds to it.
  const edited = await decideProposals(db.db, actor, '2024-02', yTe.unitId, [
    { proposal: 1, action: 'edit', points: 1.5, reason: 'Một số câu trả lời PAKN quá hạn (đã giải trình)' },
  ]);
  assert.deepEqual(edited.deductions, [{ points: 1.5, reason: 'Một số câu trả lời PAKN quá hạn (đã giải trình)' }]);
  const report = await getPeriodReport(db.db, provinceId, '2024-02');
  assert.equal(report.groups[0]!.units.find((u) => u.name === 'Sở Y tế')!.score, 98.5);

  // A deduction typed or imported by hand stays when proposals are rejected.
  const rejected = await decideProposals(db.db, actor, '2024-02', tienDu.unitId, [{ proposal: 1, action: 'reject' }]);
  assert.deepEqual(rejected, { deductions: tienDu.deductions, score: 98 });

  await assert.rejects(decideProposals(db.db, actor, '2024-02', yTe.unitId, []), /mỗi đề xuất/);
  await assert.rejects(
    decideProposals(db.db, actor, '2024-02', yTe.unitId, [{ proposal: 1, action: 'edit', points: 0, reason: 'x' }]),
    /điểm trừ phải dương/,
  );
  await assert.rejects(
    decideProposals(db.db, { ...actor, role: 'unit-editor', unitId: yTe.unitId }, '2024-02', yTe.unitId, [{ proposal: 1, action: 'accept' }]),
    (e: unknown) => (e as { code?: string }).code === 'forbidden',
  );
  await publish(db.db, cliActor(provinceId), '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });
  await assert.rejects(
    decideProposals(db.db, actor, '2024-02', yTe.unitId, [{ proposal: 1, action: 'accept' }]),
    (e: unknown) => (e as { code?: string }).code === 'period_locked',
  );
});

dbTest('proposals take the crawler’s measured statuses and counts beside the self-assessment', async (db) => {
  const province = await resolveProvince(db.db);
  const names = ['Tin tức', 'Văn bản', 'Hỏi đáp'];
  await writePeriodEvaluations(db.db, {
    provinceId: province.id,
    periodId: '2024-02',
    lines: [
      {
        line: 2,
        group: 'Các Sở, ban, ngành tỉnh',
        unit: 'Sở Y tế',
        required: 3,
        full: 3,
        partial: 0,
        none: 0,
        articles: 50,
        selfScore: 100,
        deductions: [],
        categories: names.map((name) => ({ name, status: 'full' as const, evidenceUrl: null })),
      },
    ],
  });
  const unitId = (await listUnits(db.db, province.id))[0]!.id;
  const run = await crawlsRepo.createRun(db.db, { provinceId: province.id, periodId: '2024-02', units: 1 });
  const result = (position: number, status: string, posts: number | null, complete = status !== 'unverified') => ({
    position,
    category_name: names[position - 1]!,
    category_key: nameKey(names[position - 1]!),
    source_type: 'rss',
    source_url: `https://soyte.example.gov.vn/${position}.rss`,
    min_posts: 4,
    status,
    posts,
    latest_post_at: null,
    pages: 1,
    error_reason: status === 'unverified' ? 'timeout' : null,
    error_message: null,
    error_url: null,
    crawled_at: '2024-02-23T01:00:00.000Z',
    complete: complete ? 1 : 0,
    complete_basis: complete ? 'older_post_seen' : status === 'unverified' ? 'error' : 'more_pages',
    listed: null,
    listed_total: null,
    pagers: null,
    only_other_categories: 0,
    evidence: [],
  });
  // A crawl's results count once its run has ended, as every crawl ends its run.
  const crawled = async (runId: string, results: crawlsRepo.NewResult[]) => {
    await crawlsRepo.insertUnitResults(db.db, runId, unitId, results);
    await crawlsRepo.finishRun(db.db, runId, results.length);
  };
  await crawled(run.id, [result(1, 'full', 30), result(2, 'partial', 2), result(3, 'unverified', null)]);

  const proposals = await proposalsForPeriod(db.db, cliActor(province.id), '2024-02');
  const [unit] = proposals.units;
  assert.deepEqual(
    unit!.proposals.map((p) => [p.points, p.reason, p.origin.kind === 'categories' ? p.origin.sources : null]),
    [[2, '01 chuyên mục cập nhật không đầy đủ', ['crawler']]],
  );
  assert.deepEqual(unit!.proposedCounts, { full: 2, partial: 1, none: 0 });
  // One category could not be read: no count to hold the 50 reported articles against, and it says so.
  assert.deepEqual(unit!.checks, [
    `Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chưa đọc được ${names[2]} (Cổng không trả lời trong thời gian chờ).`,
  ]);
  // A later run (runs are told apart by their start instant) holds every category.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await crawled((await crawlsRepo.createRun(db.db, { provinceId: province.id, periodId: '2024-02', units: 1 })).id, [
    result(1, 'full', 30),
    result(2, 'partial', 2),
    result(3, 'full', 8),
  ]);
  const again = await proposalsForPeriod(db.db, cliActor(province.id), '2024-02');
  // The same results in a run still under way: its sum is no exact count yet, so no check is made of it.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const underway = await crawlsRepo.createRun(db.db, { provinceId: province.id, periodId: '2024-02', units: 2 });
  await crawlsRepo.insertUnitResults(db.db, underway.id, unitId, [result(1, 'full', 30), result(2, 'partial', 2), result(3, 'full', 8)]);
  assert.deepEqual((await proposalsForPeriod(db.db, cliActor(province.id), '2024-02')).units[0]!.checks, [
    'Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: lần đọc cổng chưa kết thúc (đang chạy, hoặc đã dừng giữa chừng và cần cho đọc lại).',
  ]);
  await crawlsRepo.finishRun(db.db, underway.id, 3);
  assert.deepEqual(again.units[0]!.checks, ['Số tin, bài đơn vị báo cáo (50) vượt số đếm được trên cổng (40) quá 10%']);
  // A lower bound ("≥ 1.389", more pages unread: posts counted, none of them this month's) proposes
  // nothing and says why, written as the board writes numbers; the unit's count is not exact.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await crawled((await crawlsRepo.createRun(db.db, { provinceId: province.id, periodId: '2024-02', units: 1 })).id, [
    result(1, 'full', 30),
    result(2, 'partial', 1389, false),
    result(3, 'full', 8),
  ]);
  const bounded = await proposalsForPeriod(db.db, cliActor(province.id), '2024-02');
  assert.deepEqual(bounded.units[0]!.proposals, []);
  assert.deepEqual(bounded.units[0]!.checks, [
    `Chỉ đếm được một phần, không dùng để đề xuất: ${names[1]} (≥ 1.389)`,
    `Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chỉ đếm được số tối thiểu ở ${names[1]} (≥ 1.389).`,
  ]);
  // The cross-check (the sources page and `crawl check`) says the same of it.
  const [checked] = (await crossCheck(db.db, cliActor(province.id), '2024-02')).units;
  assert.deepEqual([checked!.findings, checked!.proposals, checked!.checks], [
    [],
    [],
    [
      `Chỉ đếm được một phần, không dùng để so với tự đánh giá: ${names[1]} (≥ 1.389)`,
      `Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chỉ đếm được số tối thiểu ở ${names[1]} (≥ 1.389).`,
    ],
  ]);
});
