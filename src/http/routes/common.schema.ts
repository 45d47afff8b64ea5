/**
 * Pieces shared by the route schemas: text normalised to NFC on the way in, identifiers, and the
 * one error shape every failure is documented with.
 */
import { z } from 'zod';
import { normalizeText } from '../../domain/text.js';

/** Free text from a form: NFC, trimmed, inner white space collapsed. */
export const text = (max = 2000) => z.string().max(max).transform(normalizeText);
export const requiredText = (max = 2000) =>
  z
    .string()
    .max(max)
    .transform(normalizeText)
    .refine((v) => v.length > 0, { message: 'Không được để trống.' });

export const periodId = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Kỳ cần dạng YYYY-MM.');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày cần dạng YYYY-MM-DD.');
export const id = z.string().min(1).max(100);

export const periodParams = z.object({ period: periodId });
export const periodUnitParams = z.object({ period: periodId, unitId: id });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('Lỗi: mã ổn định, thông điệp tiếng Việt, chi tiết nếu có');

/** The error responses a protected route can give, for the OpenAPI document. */
export const protectedErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const deductionInput = z.object({
  points: z.number().positive().max(100).multipleOf(0.01),
  reason: requiredText(1000),
});
