/** Routes: each page is its own chunk so the first page loads only the login form and the shell. */
import { Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api/types';
import { useAuth } from './auth';
import { Loading } from './components/common';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { AppLayout } from './layout/AppLayout';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const PeriodsPage = lazy(() => import('./pages/PeriodsPage'));
const RankingPage = lazy(() => import('./pages/RankingPage'));
const SelfAssessmentPage = lazy(() => import('./pages/SelfAssessmentPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const UnitsPage = lazy(() => import('./pages/UnitsPage'));
const UnitPage = lazy(() => import('./pages/UnitPage'));
const ComparePage = lazy(() => import('./pages/ComparePage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ProvinceSettingsPage = lazy(() => import('./pages/settings/ProvinceSettingsPage'));
const GroupsSettingsPage = lazy(() => import('./pages/settings/GroupsSettingsPage'));
const UnitsSettingsPage = lazy(() => import('./pages/settings/UnitsSettingsPage'));
const UsersSettingsPage = lazy(() => import('./pages/settings/UsersSettingsPage'));
const LatestPeriodRedirect = lazy(() => import('./pages/LatestPeriodRedirect'));
const RulesPage = lazy(() => import('./pages/RulesPage'));
const PaknPage = lazy(() => import('./pages/PaknPage'));
const DaysOffPage = lazy(() => import('./pages/DaysOffPage'));
const ProposalsPage = lazy(() => import('./pages/ProposalsPage'));
const AppealsPage = lazy(() => import('./pages/AppealsPage'));
const YearReportPage = lazy(() => import('./pages/YearReportPage'));
const SourcesPage = lazy(() => import('./pages/SourcesPage'));

const STAFF: Role[] = ['admin', 'reviewer'];
const ADMIN: Role[] = ['admin'];

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout>{children}</AppLayout>;
}

/** Hides pages outside one's role; the API refuses them anyway (403), this only explains it. */
function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) {
    return <Result status="403" title="Không có quyền" subTitle="Trang này dành cho vai trò khác." />;
  }
  return children;
}

export function App() {
  // A new address gets a fresh boundary, so one failed page does not stick to the next.
  const location = useLocation();
  const page = (node: ReactNode, roles?: Role[]) => (
    <RequireAuth>
      <PageErrorBoundary key={location.pathname}>
        <Suspense fallback={<Loading />}>{roles ? <RequireRole roles={roles}>{node}</RequireRole> : node}</Suspense>
      </PageErrorBoundary>
    </RequireAuth>
  );
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <PageErrorBoundary>
            <Suspense fallback={<Loading />}>
              <LoginPage />
            </Suspense>
          </PageErrorBoundary>
        }
      />
      <Route path="/" element={<Navigate to="/periods" replace />} />
      <Route path="/periods" element={page(<PeriodsPage />)} />
      <Route path="/periods/:period/ranking" element={page(<RankingPage />)} />
      <Route path="/periods/:period/review" element={page(<ReviewPage />, STAFF)} />
      <Route path="/periods/:period/units/:unitId/self-assessment" element={page(<SelfAssessmentPage />)} />
      <Route path="/ranking" element={page(<LatestPeriodRedirect target="ranking" />)} />
      <Route path="/review" element={page(<LatestPeriodRedirect target="review" />, STAFF)} />
      <Route path="/self-assessment" element={page(<LatestPeriodRedirect target="self-assessment" />)} />
      <Route path="/import" element={page(<ImportPage />, STAFF)} />
      <Route path="/units" element={page(<UnitsPage />)} />
      <Route path="/units/:unitId" element={page(<UnitPage />)} />
      <Route path="/compare" element={page(<ComparePage />)} />
      <Route path="/audit" element={page(<AuditPage />, ADMIN)} />
      <Route path="/settings/province" element={page(<ProvinceSettingsPage />, ADMIN)} />
      <Route path="/settings/groups" element={page(<GroupsSettingsPage />, ADMIN)} />
      <Route path="/settings/units" element={page(<UnitsSettingsPage />, ADMIN)} />
      <Route path="/settings/users" element={page(<UsersSettingsPage />, ADMIN)} />
      <Route path="/rules" element={page(<RulesPage />)} />
      <Route path="/pakn" element={page(<PaknPage />, [...STAFF, 'unit-editor'])} />
      <Route path="/days-off" element={page(<DaysOffPage />)} />
      <Route path="/proposals" element={page(<ProposalsPage />, STAFF)} />
      <Route path="/sources" element={page(<SourcesPage />, STAFF)} />
      <Route path="/appeals" element={page(<AppealsPage />, [...STAFF, 'unit-editor'])} />
      <Route path="/year-report" element={page(<YearReportPage />)} />
      <Route path="*" element={page(<Result status="404" title="Không tìm thấy trang" />)} />
    </Routes>
  );
}
