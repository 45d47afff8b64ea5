/**
 * Pieces every shape of the API is built from: text normalised to NFC on the way in, identifiers,
 * and the one error shape every failure answers with.
 */
import { z } from 'zod';
import { TEXT_MAX } from '../domain/limits.js';
import { normalizeText } from '../domain/text.js';

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

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('Lỗi: mã ổn định, thông điệp tiếng Việt, chi tiết nếu có');
export type ApiErrorBody = z.infer<typeof errorResponse>;

/** One problem of an uploaded file, by line (CSV, header = 1) or row (XLSX) and column. */
export const rowProblem = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
export type RowProblem = z.infer<typeof rowProblem>;

/** A deduction as the board sets it: positive points with at most two decimals, and its reason. */
export const deductionInput = z.object({
  points: z.number().positive().max(100).multipleOf(0.01),
  reason: requiredText(TEXT_MAX),
});

export const deduction = z.object({ points: z.number(), reason: z.string() });
export type Deduction = z.infer<typeof deduction>;

export const categoryCounts = z.object({ full: z.number().int(), partial: z.number().int(), none: z.number().int() });
export type CategoryCounts = z.infer<typeof categoryCounts>;

/**
 * Compile-time proof that a schema's output is exactly a type built elsewhere (the domain's):
 * `true` only when each is assignable to the other.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
