/** Rows per INSERT statement: keeps SQLite under its bound-parameter limit. */
export const BATCH = 200;

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
