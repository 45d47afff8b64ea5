/**
 * Menu entries that mean "the period that matters now": the latest published ranking, the
 * period under review, the unit's open self-assessment.
 */
import { Empty } from 'antd';
import { Navigate } from 'react-router-dom';
import { RANKING_PREFERENCE, latestPeriodOf } from '../../../src/domain/period.js';
import { api } from '../api';
import { ApiError } from '../api/client';
import { takeLatestRanking } from '../api/handoff';
import type { PeriodStatus } from '../api/types';
import { useUser } from '../auth';
import { PageError, PageLoading, PageTitle } from '../components/common';
import { useLoad } from '../hooks';

type Target = 'ranking' | 'review' | 'self-assessment';

/** Statuses to look for, most wanted first. */
const PREFERENCE: Record<Exclude<Target, 'ranking'>, readonly PeriodStatus[]> = {
  review: ['review', 'open', 'published'],
  'self-assessment': ['open', 'review', 'published'],
};

const HEADINGS: Record<Target, string> = {
  ranking: 'Bảng xếp hạng',
  review: 'Rà soát, chấm điểm',
  'self-assessment': 'Tự đánh giá',
};

function NoPeriod({ target }: { target: Target }) {
  return (
    <>
      <PageTitle>{HEADINGS[target]}</PageTitle>
      <Empty description="Chưa có kỳ đánh giá nào." />
    </>
  );
}

/**
 * The ranking in one request that names its period (no wait for the period list first); the
 * report goes on to the ranking page, which shows it without asking again.
 */
function LatestRanking() {
  const { data, error, loading, reload } = useLoad(() => takeLatestRanking(), []);
  if (loading) return <PageLoading />;
  if (error instanceof ApiError && error.status === 404) return <NoPeriod target="ranking" />;
  if (error || !data) return <PageError error={error} onRetry={reload} />;
  return <Navigate to={`/periods/${data.period.id}/ranking`} replace />;
}

function LatestPeriod({ target }: { target: Exclude<Target, 'ranking'> }) {
  const user = useUser();
  const { data, error, loading, reload } = useLoad(() => api.periods(), []);
  if (loading) return <PageLoading />;
  if (error) return <PageError error={error} onRetry={reload} />;
  const period = latestPeriodOf(data ?? [], PREFERENCE[target]);
  if (!period) return <NoPeriod target={target} />;
  if (target === 'self-assessment') {
    if (!user.unitId) return <Navigate to="/periods" replace />;
    return <Navigate to={`/periods/${period.id}/units/${user.unitId}/self-assessment`} replace />;
  }
  return <Navigate to={`/periods/${period.id}/${target}`} replace />;
}

export default function LatestPeriodRedirect({ target }: { target: Target }) {
  return target === 'ranking' ? <LatestRanking /> : <LatestPeriod target={target} />;
}
