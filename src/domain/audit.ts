/**
 * The audit log in the board's words: what each stored action and record kind is called, what each
 * field is called, and a change as "field: before → after" with values written the way the app
 * writes them (dd/mm/yyyy, 1.389, Có/Không). Keys not listed here are shown as they are, never
 * dropped: an unexplained change is still a change.
 */
import { ROLE_LABELS, isRole } from './access.js';
import { PERIOD_STATUS_LABELS, type PeriodStatus } from './period.js';
import { formatDate, formatNumber } from './text.js';

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  period: 'Kỳ đánh giá',
  'self-assessment': 'Tự đánh giá',
  deductions: 'Điểm trừ',
  review: 'Rà soát kết quả',
  appeal: 'Khiếu nại',
  'rule-set': 'Quy tắc chấm điểm',
  'day-off': 'Ngày nghỉ, làm bù',
  pakn: 'Phản ánh kiến nghị',
  unit: 'Đơn vị',
  group: 'Nhóm, chuyên mục',
  'period-categories': 'Chuyên mục của kỳ',
  settings: 'Cấu hình của tỉnh',
  sources: 'Nguồn tin trên cổng',
  user: 'Người dùng',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: 'Tạo mới',
  update: 'Sửa',
  'update+password': 'Sửa, đổi mật khẩu',
  open: 'Mở kỳ',
  review: 'Chuyển sang rà soát',
  deadline: 'Đổi hạn nộp',
  publish: 'Công bố',
  correct: 'Đính chính',
  import: 'Nhập từ tệp',
  'import-notice': 'Nhập công văn đã ban hành',
  save: 'Lưu',
  submit: 'Nộp',
  set: 'Đặt',
  remove: 'Bỏ',
  apply: 'Áp dụng danh sách mới',
  'decide-proposals': 'Quyết định đề xuất trừ điểm',
  'accept-proposals': 'Chấp nhận mọi đề xuất (trừ các đơn vị ngoại lệ)',
  change: 'Đổi theo minh chứng',
  finding: 'Ghi nhận kết quả của Ban Biên tập',
  'withdraw-finding': 'Rút kết luận của Ban Biên tập',
  accept: 'Chấp nhận',
  reject: 'Không chấp nhận',
  uphold: 'Chấp nhận khiếu nại',
  edit: 'Sửa',
  rename: 'Đổi tên',
  retire: 'Thôi hoạt động',
  merge: 'Sáp nhập',
  position: 'Đổi thứ tự',
  groupId: 'Đổi nhóm',
  portalUrl: 'Đổi địa chỉ cổng',
};

export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: 'Mã',
  name: 'Tên',
  status: 'Trạng thái',
  deadline: 'Hạn nộp tự đánh giá',
  from: 'Từ ngày',
  to: 'Đến ngày',
  noticeNumber: 'Số công văn',
  noticeDate: 'Ngày công văn',
  number: 'Số công văn',
  date: 'Ngày',
  publishedAt: 'Thời điểm công bố',
  revision: 'Bản',
  units: 'Đơn vị',
  fileName: 'Tệp',
  format: 'Định dạng',
  period: 'Kỳ',
  newUnits: 'Đơn vị mới',
  newGroups: 'Nhóm mới',
  replaced: 'Số bản ghi thay thế',
  categories: 'Chuyên mục',
  groupsListed: 'Nhóm được lập danh sách chuyên mục',
  portal: 'Cổng',
  portalUrl: 'Địa chỉ cổng',
  position: 'Thứ tự',
  groupId: 'Nhóm',
  groupName: 'Nhóm',
  group: 'Nhóm',
  evidenceUrls: 'Minh chứng của đơn vị',
  retiredOn: 'Thôi hoạt động từ',
  mergedInto: 'Sáp nhập vào',
  requiredCount: 'Số chuyên mục phải cập nhật',
  username: 'Tên đăng nhập',
  displayName: 'Họ tên',
  role: 'Vai trò',
  unitId: 'Đơn vị',
  unitName: 'Đơn vị',
  active: 'Đang hoạt động',
  settings: 'Cấu hình',
  parentBody: 'Cơ quan chủ quản',
  issuingBody: 'Cơ quan ban hành',
  place: 'Địa danh',
  noticeSymbol: 'Ký hiệu công văn',
  portalShortName: 'Tên ngắn của Cổng tỉnh',
  recipients: 'Kính gửi',
  distribution: 'Nơi nhận',
  legalBasis: 'Căn cứ',
  signer: 'Người ký',
  positionLines: 'Quyền hạn, chức vụ',
  titleLines: 'Chức vụ dưới chữ ký',
  cutOffDay: 'Ngày chốt kỳ',
  state: 'Trạng thái',
  full: 'Cập nhật đầy đủ',
  partial: 'Cập nhật không đầy đủ',
  none: 'Không cập nhật',
  required: 'Số chuyên mục phải cập nhật',
  articles: 'Số tin, bài',
  selfScore: 'Tự chấm',
  score: 'Điểm',
  version: 'Phiên bản',
  submittedAt: 'Thời điểm nộp',
  deductions: 'Khoản trừ điểm',
  points: 'Điểm trừ',
  reason: 'Lý do',
  evidence: 'Minh chứng',
  evidenceUrl: 'Minh chứng',
  decision: 'Quyết định',
  pointsAfter: 'Điểm trừ còn lại',
  kind: 'Loại',
  note: 'Ghi chú',
  dueDatesMoved: 'Số hạn trả lời tính lại',
  records: 'Số bản ghi',
  inserted: 'Thêm mới',
  updated: 'Cập nhật',
  effectiveFrom: 'Hiệu lực từ',
  effectiveOn: 'Hiệu lực từ',
  scale: 'Thang điểm',
  isDefault: 'Mặc định',
  why: 'Lý do thay đổi',
  statusLabel: 'Tình trạng báo cáo',
  changes: 'Thay đổi của người rà soát',
  accepted: 'Đã chấp nhận đề xuất',
  excepted: 'Ngoại lệ (không chấp nhận)',
  notReported: 'Không gửi tự đánh giá',
};

/** A stored action, possibly several joined by "+" (a unit renamed and moved at once). */
export function auditActionLabel(action: string): string {
  if (AUDIT_ACTION_LABELS[action]) return AUDIT_ACTION_LABELS[action];
  return action
    .split('+')
    .map((a) => AUDIT_ACTION_LABELS[a] ?? a)
    .join(', ');
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

export interface AuditChangeLine {
  /** "Người ký › Tên": the field's label, nested fields joined. */
  field: string;
  before: string;
  after: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** An instant as "27/02/2024 09:30" in Vietnam's time zone (UTC+7, no daylight saving). */
export function formatVietnamTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}/${two(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}

/** One value as the app writes it; `names` turns ids into the names of units, groups and users. */
export function auditValue(value: unknown, names: ReadonlyMap<string, string> = new Map(), key?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (names.has(value)) return names.get(value)!;
    if (INSTANT.test(value)) return formatVietnamTime(value);
    if (DAY.test(value)) return formatDate(value);
    const month = MONTH.exec(value);
    if (month && (key === 'period' || key === 'id')) return `${month[2]}/${month[1]}`;
    if (key === 'status' && value in PERIOD_STATUS_LABELS) return PERIOD_STATUS_LABELS[value as PeriodStatus];
    if (key === 'role' && isRole(value)) return ROLE_LABELS[value];
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => (isRecord(v) && 'points' in v && 'reason' in v ? `${auditValue(v.points)} điểm: ${auditValue(v.reason)}` : auditValue(v, names)))
      .join('; ');
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${AUDIT_FIELD_LABELS[k] ?? k}: ${auditValue(v, names, k)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * What changed between two recorded versions, field by field (nested records by their inner
 * fields); a creation lists what was set, a removal what was there.
 */
export function auditChanges(before: unknown, after: unknown, names: ReadonlyMap<string, string> = new Map()): AuditChangeLine[] {
  const lines: AuditChangeLine[] = [];
  const walk = (a: unknown, b: unknown, path: string[], key: string | undefined) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if ((isRecord(a) || a === null || a === undefined) && (isRecord(b) || b === null || b === undefined) && (isRecord(a) || isRecord(b))) {
      const ra = isRecord(a) ? a : {};
      const rb = isRecord(b) ? b : {};
      for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])]) walk(ra[k], rb[k], [...path, AUDIT_FIELD_LABELS[k] ?? k], k);
      return;
    }
    lines.push({ field: path.join(' › ') || 'Giá trị', before: auditValue(a, names, key), after: auditValue(b, names, key) });
  };
  walk(before, after, [], undefined);
  return lines;
}
