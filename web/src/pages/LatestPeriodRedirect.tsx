/**
 * Menu entries that mean "the period that matters now": the latest published ranking, the
 * period under review, the unit's open self-assessment.
 */
import { Empty } from 'antd';
import { Navigate } from 'react-router-dom';
import { api } from '../api';
import type { Period, PeriodStatus } from '../api/types';
import { useUser } from '../auth';
import { ErrorNotice, Loading } from '../components/common';
import { useLoad } from '../hooks';

type Target = 'ranking' | 'review' | 'self-assessment';

/** Statuses to look for, most wanted first. */
const PREFERENCE: Record<Target, PeriodStatus[]> = {
  ranking: ['published', 'review', 'open'],
  review: ['review', 'open', 'published'],
  'self-assessment': ['open', 'review', 'published'],
};

export function pickPeriod(periods: Period[], statuses: PeriodStatus[]): Period | undefined {
  const latestFirst = [...periods].sort((a, b) => b.id.localeCompare(a.id));
  for (const status of statuses) {
    const found = latestFirst.find((p) => p.status === status);
    if (found) return found;
  }
  return undefined;
}

export default function LatestPeriodRedirect({ target }: { target: Target }) {
  const user = useUser();
  const { data, error, loading, reload } = useLoad(() => api.periods(), []);
  if (loading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  const period = pickPeriod(data ?? [], PREFERENCE[target]);
  if (!period) return <Empty description="Chưa có kỳ đánh giá nào." />;
  if (target === 'self-assessment') {
    if (!user.unitId) return <Navigate to="/periods" replace />;
    return <Navigate to={`/periods/${period.id}/units/${user.unitId}/self-assessment`} replace />;
  }
  return <Navigate to={`/periods/${period.id}/${target}`} replace />;
}
