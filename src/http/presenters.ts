/**
 * Shapes of the API's responses, built from the services' values; never raw rows.
 */
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
