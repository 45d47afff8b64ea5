/**
 * A province (tenant) and the settings its board edits once: who issues the notice, where, to
 * whom, and who signs. Nothing here is specific to one province.
 */
import { DEFAULT_CUT_OFF_DAY } from './period.js';

export interface Signer {
  /** Lines above the signature, bold caps ("TRƯỞNG BAN"; "KT. TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN"). */
  positionLines: string[];
  /** Lines between the signature and the name ("CHÁNH VĂN PHÒNG UBND TỈNH"), may be empty. */
  titleLines: string[];
  name: string;
}

export interface ProvinceSettings {
  /** Parent body, upper case: "UBND TỈNH BẮC NINH". */
  parentBody: string;
  /** Issuing body, upper case: "BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH". */
  issuingBody: string;
  /** Place name used in the date line: "Bắc Ninh". */
  place: string;
  /** Symbol of the notice number series: "BBT-CTTĐT" in "02/BBT-CTTĐT". */
  noticeSymbol: string;
  /** How the notice names the provincial portal in the table header: "Cổng TTĐT tỉnh". */
  portalShortName: string;
  /** "Kính gửi" recipients, one per line. */
  recipients: string[];
  /** "Nơi nhận" list, ending with "Lưu: VT.". */
  distribution: string[];
  signer: Signer;
  /** Legal-basis lines ("Căn cứ ..."), printed before the body when present. */
  legalBasis: string[];
  /** Day of month on which a period closes (22 → 23/01 to 22/02). */
  cutOffDay: number;
  /** Sender of the board's e-mail, "Ban Biên tập <bbt@…>"; empty: nothing is sent. */
  mailFrom: string;
  /** Where replies to the board's e-mail go; empty: to the sender. */
  mailReplyTo: string;
  /** Days before a period's deadline that editors of units not yet submitted are reminded. */
  reminderDaysBefore: number;
  /** Days without a post after which a category is reported stale in the board's digest. */
  staleAfterDays: number;
  /** The notice's line on how the table is ordered (the seed's wording by default). */
  rankingOrderLine: string;
  /** Who editors ask when their deadline passed (name, phone, e-mail of the board's secretary). */
  contact: string;
}

export const DEFAULT_REMINDER_DAYS_BEFORE = 3;
export const DEFAULT_STALE_AFTER_DAYS = 30;

/** The seed notice's line on the table's order: the default until the board words its own. */
export const DEFAULT_RANKING_ORDER_LINE = 'Xếp thứ tự theo số lượng tin, bài đã đăng';

export function emptySettings(): ProvinceSettings {
  return {
    parentBody: '',
    issuingBody: '',
    place: '',
    noticeSymbol: 'BBT-CTTĐT',
    portalShortName: 'Cổng TTĐT tỉnh',
    recipients: [],
    distribution: [],
    signer: { positionLines: [], titleLines: [], name: '' },
    legalBasis: [],
    cutOffDay: DEFAULT_CUT_OFF_DAY,
    mailFrom: '',
    mailReplyTo: '',
    reminderDaysBefore: DEFAULT_REMINDER_DAYS_BEFORE,
    staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
    rankingOrderLine: DEFAULT_RANKING_ORDER_LINE,
    contact: '',
  };
}

/** True when the board has not filled in who issues the notice yet. */
export function settingsAreEmpty(settings: ProvinceSettings): boolean {
  return !settings.issuingBody && !settings.place && settings.recipients.length === 0;
}

/** Merges stored (possibly partial, older) settings over the defaults. */
export function completeSettings(stored: Partial<ProvinceSettings> | null | undefined): ProvinceSettings {
  const base = emptySettings();
  if (!stored) return base;
  return { ...base, ...stored, signer: { ...base.signer, ...(stored.signer ?? {}) } };
}

/** "02/BBT-CTTĐT" from number 2 and symbol. */
export function formatNoticeNumber(sequence: number, symbol: string): string {
  return `${String(sequence).padStart(2, '0')}/${symbol}`;
}

/** The sequence of "02/BBT-CTTĐT", or null when the text is not of that form. */
export function parseNoticeNumber(text: string): { sequence: number; symbol: string } | null {
  const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/u.exec(text);
  return match ? { sequence: Number(match[1]), symbol: match[2]! } : null;
}
