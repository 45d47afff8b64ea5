/**
 * Two instances can pass the same check at once (two reviewers publishing one period, two admins
 * adding one username); the database's unique keys decide, and the loser gets a 409, not a 500.
 */
import { isUniqueViolation } from '../db/errors.js';
import { errors } from '../errors.js';

export async function refuseRace<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict(message);
    throw error;
  }
}
