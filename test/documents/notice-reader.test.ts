import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptySettings } from '../../src/domain/province.js';
import { readNotice, settingsFromNotice } from '../../src/documents/notice-reader.js';
import { textLines } from '../../src/documents/notice-source.js';
import { seedRows, seedText } from '../helpers/seed.js';

const read = (text: string) => readNotice(textLines(text));

test('the seed notice reads back: number, date, period, range, bodies, lists, signer', () => {
  const { notice, problems, warnings } = read(seedText());
  assert.deepEqual(problems, []);
  assert.deepEqual(warnings, []);
  assert.ok(notice);
  const { rows, ...rest } = notice;
  assert.deepEqual(rest, {
    number: '02/BBT-CTTĐT',
    date: '2024-02-27',
    place: 'Bắc Ninh',
    periodId: '2024-02',
    range: { from: '2024-01-23', to: '2024-02-22' },
    parentBody: 'UBND TỈNH BẮC NINH',
    issuingBody: 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH',
    recipients: ['Các Sở, ban, ngành tỉnh', 'UBND các huyện, thị xã, thành phố'],
    legalBasis: [],
    portalShortName: 'Cổng TTĐT tỉnh',
    scale: 100,
    distribution: [
      'Như trên',
      'Lãnh đạo UBND tỉnh (b/c)',
      'Ban Tuyên giáo tỉnh ủy',
      'Văn phòng UBND tỉnh',
      'BBT Công TTĐT các Sở, ban, ngành tỉnh',
      'BBT Công TTĐT UBND các huyện, thị xã, thành phố',
      'Công TTĐT tỉnh',
      'Lưu: VT',
    ],
    signer: { positionLines: ['TRƯỞNG BAN'], titleLines: ['CHÁNH VĂN PHÒNG UBND TỈNH'], name: 'Vũ Huy Phương' },
  });
  // Every unit row, in the notice's order, with its group; deduction = 100 - reviewed score.
  assert.deepEqual(rows[0]!.cells.slice(0, 2), ['Nhóm', 'Tên đơn vị']);
  assert.deepEqual(rows.slice(1).map((r) => r.cells[1]), seedRows().map((r) => r[1]));
  assert.deepEqual(rows.at(-1)!.cells, [
    'UBND huyện, thị xã, thành phố', 'Huyện Tiên Du', '22', '21', '1', '0', '63', '100', '2',
    'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn',
  ]);
  assert.equal(rows.filter((r) => r.cells[0] === 'Các Sở, ban, ngành tỉnh').length, 21);
});

test('decomposed (NFD) text with double spaces, and the older "CỘNG HOÀ", read the same', () => {
  const nfd = seedText()
    .replace('CỘNG HÒA', 'CỘNG HOÀ')
    .normalize('NFD')
    .replace(/Huyện Tiên Du/gu, 'Huyện  Tiên Du'.normalize('NFD'));
  const { notice, problems } = read(nfd);
  assert.deepEqual(problems, []);
  assert.equal(notice!.rows.at(-1)!.cells[1], 'Huyện Tiên Du');
  assert.equal(notice!.issuingBody, 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH');
  // Without a parent body, the national title is still not taken for the issuing body.
  const alone = read(seedText().replace('UBND TỈNH BẮC NINH\n', '').replace('CỘNG HÒA', 'CỘNG HOÀ')).notice!;
  assert.deepEqual([alone.parentBody, alone.issuingBody], ['', 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH']);
});

test('a notice it cannot read says what is missing', () => {
  const seed = seedText();
  const cases: [string, string, RegExp][] = [
    ['no number', seed.replace('Số: 02/BBT-CTTĐT', ''), /số công văn/],
    ['no date', seed.replace('Bắc Ninh, ngày 27 tháng 02 năm 2024', 'Bắc Ninh'), /ngày ban hành/],
    ['an impossible date', seed.replace('ngày 27 tháng 02', 'ngày 30 tháng 02'), /Ngày ban hành không hợp lệ/],
    ['no period', seed.replace(/tháng 02\/2024/gu, 'tháng này'), /kỳ đánh giá/],
    ['no table', seed.replace(/^.*\t.*$/gmu, ''), /Không thấy bảng/],
    ['no reviewed column', seed.replace('Kết quả rà soát chấm điểm của Cổng TTĐT tỉnh', ''), /thiếu cột "Kết quả rà soát/],
    ['no reason for a deduction', seed.replace(/^- Lý do bị trừ điểm.*$/mu, ''), /Huyện Tiên Du bị trừ 2 điểm nhưng công văn không ghi lý do/],
    ['a row it cannot read', seed.replace('6\tSở Tài chính', 'x\tSở Tài chính'), /Không đọc được hàng của bảng/],
    ['a reviewed score that is not a number', seed.replace('22\t21\t1\t0\t63\t100\t98', '22\t21\t1\t0\t63\t100\tchín tám'), /không phải là số/],
  ];
  for (const [label, text, expected] of cases) {
    const { notice, problems } = read(text);
    assert.equal(notice, null, label);
    assert.ok(problems.some((p) => expected.test(p.message)), `${label}: ${JSON.stringify(problems)}`);
  }
});

test('legal-basis lines ("Căn cứ ...") between the recipients and the body', () => {
  const basis = [
    'Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ;',
    'Căn cứ Quy chế hoạt động của Cổng Thông tin điện tử tỉnh;',
  ];
  const text = seedText().replace('- UBND các huyện, thị xã, thành phố.\n', `- UBND các huyện, thị xã, thành phố.\n\n${basis.join('\n')}\n`);
  const notice = read(text).notice!;
  assert.deepEqual(notice.legalBasis, basis);
  assert.deepEqual(notice.recipients, ['Các Sở, ban, ngành tỉnh', 'UBND các huyện, thị xã, thành phố']);
});

test('a group row merged across the whole table reads as a group', () => {
  const merged = (text: string) => Array.from({ length: 9 }, () => text).join('\t');
  const text = seedText().replace(/^I\.\tCác Sở, ban, ngành tỉnh.*$/mu, merged('I. Các Sở, ban, ngành tỉnh'));
  const { notice, problems } = read(text);
  assert.deepEqual(problems, []);
  assert.equal(notice!.rows[1]!.cells[0], 'Các Sở, ban, ngành tỉnh');
  assert.equal(notice!.rows.length, 30);
});

test('a wrong subtotal is a warning, not a refusal', () => {
  const { notice, warnings } = read(seedText().replace('\t1.389\t', '\t1.390\t'));
  assert.ok(notice);
  assert.deepEqual(warnings, ['Nhóm "Các Sở, ban, ngành tỉnh": tổng số tin, bài ghi 1390, cộng các đơn vị được 1389.']);
});

test('one reason per unit ("huyện Tiên Du do ...; thành phố Từ Sơn do ...")', () => {
  const text = seedText()
    .replace('22\t22\t0\t0\t34\t100\t100', '22\t22\t0\t0\t34\t100\t99')
    .replace(
      /^- Lý do bị trừ điểm.*$/mu,
      '- Lý do bị trừ điểm: thành phố Từ Sơn do chậm cập nhật văn bản; huyện Tiên Du do một số câu trả lời PAKN quá hạn.',
    );
  const rows = read(text).notice!.rows;
  const reasonOf = (name: string) => rows.find((r) => r.cells[1] === name)!.cells.slice(8);
  assert.deepEqual(reasonOf('Thành phố Từ Sơn'), ['1', 'Chậm cập nhật văn bản']);
  assert.deepEqual(reasonOf('Huyện Tiên Du'), ['2', 'Một số câu trả lời PAKN quá hạn']);
});

test('settings from a notice fill an empty province, the cut-off from the range', () => {
  const notice = read(seedText().replace('(23/01/2024 – 22/02/2024)', '(21/01/2024 – 20/02/2024)')).notice!;
  const settings = settingsFromNotice(notice, emptySettings());
  assert.equal(settings.parentBody, 'UBND TỈNH BẮC NINH');
  assert.equal(settings.issuingBody, 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH');
  assert.equal(settings.place, 'Bắc Ninh');
  assert.equal(settings.noticeSymbol, 'BBT-CTTĐT');
  assert.equal(settings.cutOffDay, 20);
  assert.deepEqual(settings.recipients, ['Các Sở, ban, ngành tỉnh', 'UBND các huyện, thị xã, thành phố']);
  assert.equal(settings.distribution.at(-1), 'Lưu: VT');
  assert.equal(settings.signer.name, 'Vũ Huy Phương');
});
