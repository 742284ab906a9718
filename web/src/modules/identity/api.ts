import { api } from '../../core/api';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  scopePath: string;
  /** The department or team of department staff. */
  orgCode: string | null;
  mustChangePassword: boolean;
}

export async function signIn(username: string, password: string): Promise<User> {
  return (await api<{ user: User }>('POST', '/api/identity/sessions', { username, password })).user;
}

export async function signOut(): Promise<void> {
  await api<void>('DELETE', '/api/identity/sessions/current');
}

export async function fetchMe(): Promise<User> {
  return (await api<{ user: User }>('GET', '/api/identity/me')).user;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api<void>('POST', '/api/identity/password', { currentPassword, newPassword });
}
