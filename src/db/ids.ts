import { randomUUID } from 'node:crypto';

/** Stable identifiers for rows: random UUIDs, the same on SQLite and PostgreSQL. */
export function newId(): string {
  return randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
