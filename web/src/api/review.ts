/**
 * Typed calls for publishing with a preview and for opening a period: the deadline the server
 * proposes, and one period with whether its deadline passed and whom an editor asks.
 */
import { request } from './client';
import type {
  AcceptAllInput,
  AcceptAllResult,
  FindingInput,
  OpenProposal,
  Period,
  PeriodDetail,
  PeriodReview,
  PublishInput,
  PublishPreview,
  ReviewChangeInput,
  ReviewUnit,
  WithdrawFindingInput,
} from './types';

export type UnitRef = PublishPreview['checklist']['notReported'][number];

const seg = encodeURIComponent;
const periodPath = (period: string) => `/api/periods/${seg(period)}`;

export const reviewApi = {
  period: (period: string) => request<PeriodDetail>(periodPath(period)),
  preview: (period: string, body: Omit<PublishInput, 'fingerprint'>) =>
    request<PublishPreview>(`${periodPath(period)}/publish/preview`, { method: 'POST', body }),
  publish: (period: string, body: PublishInput) => request<Period>(`${periodPath(period)}/publish`, { method: 'POST', body }),
  openProposal: (period: string) => request<OpenProposal>(`${periodPath(period)}/open-proposal`),
  /** Every unit's computed result, for the board. */
  review: (period: string) => request<PeriodReview>(`${periodPath(period)}/review`),
  changeReview: (period: string, unitId: string, body: ReviewChangeInput) =>
    request<ReviewUnit>(`${periodPath(period)}/units/${seg(unitId)}/review`, { method: 'PUT', body }),
  recordFinding: (period: string, unitId: string, body: FindingInput) =>
    request<ReviewUnit>(`${periodPath(period)}/units/${seg(unitId)}/finding`, { method: 'PUT', body }),
  withdrawFinding: (period: string, unitId: string, body: WithdrawFindingInput) =>
    request<ReviewUnit>(`${periodPath(period)}/units/${seg(unitId)}/finding/withdraw`, { method: 'POST', body }),
  acceptAll: (period: string, body: AcceptAllInput) =>
    request<AcceptAllResult>(`${periodPath(period)}/proposals/accept-all`, { method: 'POST', body }),
};
