import { createContext, useContext } from 'react';
import type { User } from './api';

export interface Session {
  user: User;
  /** The user's abilities, for `useAbility` and `useCan` in core. */
  abilities: ReadonlySet<string>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() must be used inside <SessionGate>');
  return session;
}
