/**
 * Shapes of the API's responses, built from the services' values; never raw rows.
 */
import type { FastifyReply } from 'fastify';
import type { User } from '../services/users.js';

export function presentSessionUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unitName,
    provinceId: user.provinceId,
    provinceName: user.provinceName,
  };
}

/** Sends a generated file as a download, with its Vietnamese name kept (RFC 6266 filename*). */
export function attachment(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  const ascii = file.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.content);
}
