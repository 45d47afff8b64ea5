/** Routes: each page is its own chunk so the first page loads only the login form and the shell. */
import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api/types';
import { useAuth } from './auth';
import { PageLoading, StatusPage } from './components/common';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { AppLayout } from './layout/AppLayout';
import { useFocusHeadingOnNavigation } from './page-heading';
import { pageComponent } from './routes';

const LoginPage = pageComponent('LoginPage');
const PeriodsPage = pageComponent('PeriodsPage');
const RankingPage = pageComponent('RankingPage');
const SelfAssessmentPage = pageComponent('SelfAssessmentPage');
const ReviewPage = pageComponent('ReviewPage');
const ImportPage = pageComponent('ImportPage');
const UnitsPage = pageComponent('UnitsPage');
const UnitPage = pageComponent('UnitPage');
const ComparePage = pageComponent('ComparePage');
const AuditPage = pageComponent('AuditPage');
const MailLogPage = pageComponent('MailLogPage');
const ProvinceSettingsPage = pageComponent('ProvinceSettingsPage');
const GroupsSettingsPage = pageComponent('GroupsSettingsPage');
const UnitsSettingsPage = pageComponent('UnitsSettingsPage');
const UsersSettingsPage = pageComponent('UsersSettingsPage');
const LatestPeriodRedirect = pageComponent('LatestPeriodRedirect');
const RulesPage = pageComponent('RulesPage');
const PaknPage = pageComponent('PaknPage');
const DaysOffPage = pageComponent('DaysOffPage');
const ProposalsPage = pageComponent('ProposalsPage');
const AppealsPage = pageComponent('AppealsPage');
const YearReportPage = pageComponent('YearReportPage');
const SourcesPage = pageComponent('SourcesPage');

const STAFF: Role[] = ['admin', 'reviewer'];
const ADMIN: Role[] = ['admin'];

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  // Outside the shell, so the landmark is its own.
  if (user === undefined) {
    return (
      <main>
        <PageLoading />
      </main>
    );
  }
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout>{children}</AppLayout>;
}

/** Hides pages outside one's role; the API refuses them anyway (403), this only explains it. */
function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) {
    return <StatusPage status="403" title="Không có quyền" subTitle="Trang này dành cho vai trò khác." />;
  }
  return children;
}

export function App() {
  // A new address gets a fresh boundary, so one failed page does not stick to the next.
  const location = useLocation();
  useFocusHeadingOnNavigation();
  const page = (node: ReactNode, roles?: Role[]) => (
    <RequireAuth>
      <PageErrorBoundary key={location.pathname}>
        <Suspense fallback={<PageLoading />}>{roles ? <RequireRole roles={roles}>{node}</RequireRole> : node}</Suspense>
      </PageErrorBoundary>
    </RequireAuth>
  );
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <PageErrorBoundary>
            <Suspense
              fallback={
                <main>
                  <PageLoading />
                </main>
              }
            >
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
      <Route path="/mail-log" element={page(<MailLogPage />, ADMIN)} />
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
      <Route path="*" element={page(<StatusPage status="404" title="Không tìm thấy trang" subTitle="Địa chỉ này không có trong ứng dụng." />)} />
    </Routes>
  );
}
