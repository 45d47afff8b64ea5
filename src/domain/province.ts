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
}

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
