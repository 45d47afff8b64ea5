/**
 * Pieces shared by the route schemas: the parameters most routes take and the error responses they
 * document. The shapes themselves live in the contract (src/contract).
 */
import { z } from 'zod';
import { errorResponse, id, periodId } from '../../contract/common.js';

export { deductionInput, errorResponse, id, isoDate, periodId, requiredText, text } from '../../contract/common.js';

export const periodParams = z.object({ period: periodId });
export const periodUnitParams = z.object({ period: periodId, unitId: id });

/** The error responses a protected route can give, for the OpenAPI document. */
export const protectedErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
