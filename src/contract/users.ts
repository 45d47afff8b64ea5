/** Who is signed in, and the users an administrator manages. */
import { z } from 'zod';
import { ROLES } from '../domain/access.js';
import { id, text } from './common.js';

export type { Role } from '../domain/access.js';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  provinceId: z.string(),
  provinceName: z.string(),
});
export type User = z.infer<typeof user>;

export const session = z.object({ user, csrfToken: z.string() });
export type Session = z.infer<typeof session>;

export const managedUser = user.extend({ active: z.boolean(), email: z.string().nullable() });
export type ManagedUser = z.infer<typeof managedUser>;

export const newUserInput = z.object({
  username: z.string().min(2).max(64),
  password: z.string().min(8).max(200),
  role: z.enum(ROLES),
  displayName: text(200).optional(),
  unitId: id.nullable().optional(),
  email: z.string().max(254).nullable().optional(),
});
export type NewUserInput = z.input<typeof newUserInput>;

export const userChangeInput = z.object({
  displayName: text(200).optional(),
  role: z.enum(ROLES).optional(),
  unitId: id.nullable().optional(),
  password: z.string().min(8).max(200).optional(),
  active: z.boolean().optional(),
  email: z.string().max(254).nullable().optional(),
});
export type UserChangeInput = z.input<typeof userChangeInput>;
