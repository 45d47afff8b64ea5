/** Who is signed in: probed once from /api/auth/me, changed by login and logout. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';
import { setUnauthenticatedHandler } from './api/client';
import type { Role, User } from './api/types';

interface AuthState {
  /** undefined while the session is being probed, null when nobody is signed in. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    setUnauthenticatedHandler(() => setUser(null));
    api.me().then(
      (session) => setUser(session.user),
      // Not signed in, or the server is unreachable: either way the login page is where to go,
      // and its own request will show the reason.
      () => setUser(null),
    );
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api.login(username, password);
    setUser(session.user);
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; pages behind the login guard only. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export const isStaff = (role: Role) => role === 'admin' || role === 'reviewer';
