/**
 * Vietnamese text conventions: normalisation on the way in, name keys for matching,
 * number and date formats of official documents (Decree 30/2020/NĐ-CP).
 */

/**
 * NFC, trimmed, inner white space (including NBSP and tabs) collapsed to one space, and bidi
 * controls removed: a right-to-left override in a unit's name would show it reversed in the
 * ranking and the published notice.
 */
export function normalizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, ' ')
    .trim();
}

/** Key used to match names: normalised and lower-cased, so "Sở  Y tế" (NFD) and "sở y tế" meet. */
export function nameKey(value: string): string {
  return normalizeText(value).toLocaleLowerCase('vi');
}

export const vietnameseCollator = new Intl.Collator('vi');

/** Sorts names the Vietnamese way ("Đ" after "D", tones after the base letter). */
export function compareNames(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1389 → "1.389", 99.5 → "99,5". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Counts in the notice's summary take two digits: 1 → "01". */
export function formatCount(value: number): string {
  return String(value).padStart(2, '0');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2024-02-27" → "27/02/2024". */
export function formatDate(isoDate: string): string {
  const [y, m, d] = splitIsoDate(isoDate);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/**
 * The place-and-date line of an official letter (Decree 30/2020, Appendix I): days under 10 and
 * the months 1 and 2 take a leading zero, other months do not ("ngày 05 tháng 4 năm 2024").
 */
export function formatNoticeDate(isoDate: string): string {
  const [y, m, d] = splitIsoDate(isoDate);
  const month = m <= 2 ? pad2(m) : String(m);
  return `ngày ${pad2(d)} tháng ${month} năm ${y}`;
}

export function splitIsoDate(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not an ISO date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Today's date in Asia/Ho_Chi_Minh as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return isoDateInVietnam(now);
}

const vnDateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isoDateInVietnam(instant: Date): string {
  return vnDateParts.format(instant);
}

/** Leading type words of local units; mid-sentence they are written in lower case. */
const LOCAL_TYPE_WORDS = ['Thành phố', 'Thị trấn', 'Thị xã', 'Huyện', 'Quận', 'Phường', 'Xã'];

/** "Huyện Tiên Du" → "huyện Tiên Du"; "Sở Y tế" and "Ban Quản lý ..." keep their capital. */
export function nameMidSentence(name: string): string {
  for (const word of LOCAL_TYPE_WORDS) {
    if (name.startsWith(word + ' ')) return word.toLocaleLowerCase('vi') + name.slice(word.length);
  }
  return name;
}

/** "Một số câu trả lời PAKN" → "một số câu trả lời PAKN"; an acronym ("PAKN quá hạn") is kept. */
export function lowerFirstWord(text: string): string {
  const first = text.split(' ')[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return text;
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}
