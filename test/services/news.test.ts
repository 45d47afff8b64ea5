import { cliActor } from '../../src/services/audit.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roundedTotal } from '../../src/domain/news.js';
import { importNotice } from '../../src/services/notice.js';
import { getNewsArticle, newsDocxFromText, newsText } from '../../src/services/news.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { dbTest } from '../helpers/db.js';
import { docxText, flat } from '../helpers/notice.js';
import { seedText } from '../helpers/seed.js';

test('the headline rounds to what stays true', () => {
  const cases: [number, string][] = [
    [2039, 'Hơn 2.000'],
    [2957, 'Gần 3.000'],
    [3000, '3.000'],
    [1867, 'Gần 2.000'],
    [640, 'Hơn 600'],
    [660, 'Gần 700'],
    [42, '42'],
  ];
  for (const [total, expected] of cases) assert.equal(roundedTotal(total), expected, String(total));
});

dbTest('the seed month reads as the portal writes it: Hơn 2.000, 21/21, 07/08, huyện Tiên Du 98', async (db) => {
  const provinceId = (await resolveProvince(db.db)).id;
  await importNotice(db.db, cliActor(provinceId), Buffer.from(seedText(), 'utf8'));
  const article = await getNewsArticle(db.db, provinceId, '2024-02');
  assert.match(article.headline, /^Hơn 2\.000 tin, bài, video cập nhật trên Cổng Thông tin điện tử .* trong tháng 02\/2024$/);
  const text = newsText(article);
  assert.match(text, /Thông báo số 02\/BBT-CTTĐT ngày 27\/02\/2024/);
  assert.match(text, /tổng cộng 2\.039 tin, bài, video/);
  assert.match(text, /Khối các Sở, ban, ngành tỉnh: 21\/21 đơn vị đạt 100 điểm; tổng số 1\.389 tin, bài, video/);
  assert.match(text, /Khối UBND huyện, thị xã, thành phố: 07\/08 đơn vị đạt 100 điểm; tổng số 650 tin, bài, video/);
  assert.match(text, /huyện Tiên Du đạt 98 điểm, bị trừ 2 điểm do một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn\./);

  // Edited by the board, then downloaded as Word: the edit is what the DOCX says.
  const edited = text.replace('Hơn 2.000', 'Hơn hai nghìn');
  const docx = await newsDocxFromText(edited);
  const words = flat(await docxText(docx));
  assert.ok(words.includes(flat('Hơn hai nghìn tin, bài, video')));
  assert.ok(words.includes(flat('huyện Tiên Du đạt 98 điểm')));
  await assert.rejects(newsDocxFromText('\n\n'), /tiêu đề/);
  await assert.rejects(newsDocxFromText('x'.repeat(20_001)), /dài quá/);
});
