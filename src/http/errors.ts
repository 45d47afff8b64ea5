/**
 * The one error handler: every failure leaves as {"error":{code,message,details}}. Known errors
 * keep their code and status; unknown ones are logged in full and answered with a generic 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errors, isAppError } from '../errors.js';

export interface ErrorBody {
  error: { code: ErrorCode | 'internal'; message: string; details?: unknown };
}

function body(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
}

/** Maps what Fastify and its plugins throw onto our vocabulary. */
function toAppError(error: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
      message: v.message ?? '',
    }));
    return errors.validation('Dữ liệu gửi lên không hợp lệ.', { issues });
  }
  switch (error.statusCode) {
    case 413:
      return errors.tooLarge('Dữ liệu gửi lên');
    case 429:
      return errors.rateLimited();
    case 400:
    case 415:
      // Malformed JSON, a wrong content type, a broken multipart body.
      return errors.validation(`Yêu cầu không hợp lệ: ${error.message}`);
    case 404:
      return errors.notFound('đường dẫn');
    default:
      return null;
  }
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = isAppError(error) ? error : toAppError(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, known.message);
    const retryAfter = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (known.code === 'rate_limited' && retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    void reply.status(known.status).send(body(known));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  const generic: ErrorBody = { error: { code: 'internal', message: 'Lỗi máy chủ; hãy thử lại sau hoặc báo quản trị.' } };
  void reply.status(500).send(generic);
}
