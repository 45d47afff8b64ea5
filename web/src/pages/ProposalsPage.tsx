/**
 * Proposed deductions of a period, beside the reviewer's review: what the rules in force propose
 * from category statuses and overdue PAKN answers. The reviewer accepts, edits or rejects each;
 * accepted ones become deductions that keep the link to what proposed them.
 */
import { App, Button, Card, Empty, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { type Proposal, type ProposalDecision, scoringApi, type UnitProposals } from '../api/scoring';
import { ErrorNotice, Loading, PageLoading, PageTitle } from '../components/common';
import { formatDate, formatNumber, periodLabel } from '../format';
import { useLoad } from '../hooks';

type Draft = { action: 'accept' | 'reject' | 'edit'; points: number; reason: string };

function origin(p: Proposal, reporting: UnitProposals['reporting']): string {
  if (p.origin.kind === 'pakn') return `${formatNumber(p.origin.ids.length)} PAKN quá hạn`;
  // A unit that did not report assessed nothing itself: its statuses are the board's finding.
  const by = [
    ...new Set(p.origin.sources.map((s) => (s === 'crawler' ? 'máy đo' : s === 'reviewer' || reporting !== 'reported' ? 'Ban Biên tập' : 'tự đánh giá'))),
  ].join(', ');
  // A month imported as counts names no category, so there is nothing to count.
  const count = p.origin.ids.length > 0 ? `${formatNumber(p.origin.ids.length)} ` : '';
  return `Từ ${count}chuyên mục ${p.origin.status === 'none' ? 'không cập nhật' : 'không đầy đủ'} (${by})`;
}

function UnitCard({ period, unit, onSaved }: { period: string; unit: UnitProposals; onSaved: () => void }) {
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Draft[]>(() => unit.proposals.map((p) => ({ action: 'accept', points: p.points, reason: p.reason })));
  const [saving, setSaving] = useState(false);
  const change = (i: number, patch: Partial<Draft>) => setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const save = async () => {
    const decisions: ProposalDecision[] = drafts.map((d, i) =>
      d.action === 'edit' ? { proposal: i + 1, action: 'edit', points: d.points, reason: d.reason } : { proposal: i + 1, action: d.action },
    );
    setSaving(true);
    try {
      const result = await scoringApi.decideProposals(period, unit.unitId, decisions);
      message.success(`${unit.unitName}: ${formatNumber(result.score)} điểm.`);
      onSaved();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {unit.unitName}
          {unit.reporting === 'not-reported' && <Tag color="red">Không gửi tự đánh giá</Tag>}
          {unit.reporting === 'finding' && <Tag color="orange">Theo kết quả Ban Biên tập ghi nhận</Tag>}
        </Space>
      }
      style={{ marginBottom: 12 }}
      data-testid="unit-proposals"
    >
      {unit.proposals.map((p, i) => {
        const d = drafts[i]!;
        return (
          <div key={i} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Space wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>
                {i + 1}. −{formatNumber(p.points)} điểm: {p.reason}
              </Typography.Text>
              <Tag>{origin(p, unit.reporting)}</Tag>
              {p.uncappedPoints !== undefined && <Tag color="orange">trước giới hạn: {formatNumber(p.uncappedPoints)}</Tag>}
            </Space>
            <Space wrap>
              <Radio.Group
                optionType="button"
                size="small"
                value={d.action}
                onChange={(e) => change(i, { action: e.target.value as Draft['action'] })}
                options={[
                  { value: 'accept', label: 'Chấp nhận' },
                  { value: 'edit', label: 'Sửa' },
                  { value: 'reject', label: 'Bỏ' },
                ]}
              />
              {d.action === 'edit' && (
                <>
                  <InputNumber size="small" min={0.01} max={100} step={0.5} precision={2} decimalSeparator="," value={d.points} onChange={(v) => change(i, { points: v ?? 0 })} aria-label="Điểm trừ" />
                  <Input size="small" style={{ minWidth: 260 }} value={d.reason} onChange={(e) => change(i, { reason: e.target.value })} aria-label="Lý do" />
                </>
              )}
            </Space>
          </div>
        );
      })}
      {unit.deductions.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          Đã ghi: {unit.deductions.map((x) => `−${formatNumber(x.points)} ${x.reason}`).join('; ')}
        </Typography.Paragraph>
      )}
      {unit.checks.map((c) => (
        <Typography.Paragraph key={c} type="warning" style={{ margin: '4px 0 0' }}>
          Kiểm tra: {c}
        </Typography.Paragraph>
      ))}
      {unit.proposals.length > 0 && (
        <Button type="primary" size="small" style={{ marginTop: 8 }} loading={saving} onClick={() => void save()}>
          Lưu quyết định
        </Button>
      )}
    </Card>
  );
}

export default function ProposalsPage() {
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.periods(), []);
  const open = useMemo(() => (periods.data ?? []).filter((p) => p.status !== 'published').sort((a, b) => b.id.localeCompare(a.id)), [periods.data]);
  const period = params.get('period') ?? open[0]?.id ?? null;
  const proposals = useLoad(() => (period ? scoringApi.proposals(period) : Promise.resolve(null)), [period]);
  const units = (proposals.data?.units ?? []).filter((u) => u.proposals.length > 0 || u.checks.length > 0);
  const rules = proposals.data?.ruleSet;

  if (periods.loading) return <PageLoading />;
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Select
              value={period}
              onChange={(v: string) => setParams({ period: v })}
              style={{ width: 190 }}
              placeholder="Chọn kỳ"
              options={open.map((p) => ({ value: p.id, label: `Tháng ${periodLabel(p.id)}` }))}
              aria-label="Kỳ"
            />
            {period && <Link to={`/periods/${period}/review`}>Rà soát kỳ này</Link>}
          </Space>
        }
      >
        Đề xuất trừ điểm
      </PageTitle>
      <ErrorNotice error={periods.error ?? proposals.error} onRetry={proposals.reload} />
      {!period ? (
        <Empty description="Không có kỳ nào đang mở hoặc đang rà soát." />
      ) : proposals.loading ? (
        <Loading />
      ) : (
        <>
          {rules && (
            <Typography.Paragraph type="secondary">
              {rules.isDefault
                ? 'Theo quy tắc mặc định (chờ Ban Biên tập xác nhận).'
                : `Theo bộ quy tắc có hiệu lực từ ${formatDate(rules.effectiveFrom)}: ${rules.note}.`}
            </Typography.Paragraph>
          )}
          {units.length === 0 ? (
            <Empty description="Không có đề xuất trừ điểm nào." />
          ) : (
            units.map((u) => <UnitCard key={`${u.unitId}-${u.proposals.length}-${u.deductions.length}`} period={period} unit={u} onSaved={proposals.reload} />)
          )}
        </>
      )}
    </>
  );
}
