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
  /**
   * What the server lets this person do (`registry.reveal`, …); only `GET /api/identity/me` lists them, and none
   * until a first-login password is changed.
   */
  abilities: string[];
}

/** Signs in, then asks who the person is, because the sign-in answer does not carry their abilities. */
export async function signIn(username: string, password: string): Promise<User> {
  await api<unknown>('POST', '/api/identity/sessions', { username, password });
  return fetchMe();
}

/** Texts a six-digit code to a mobile number; the same answer whether the number has an account or not. */
export async function sendPhoneCode(phone: string): Promise<{ resendAfterSeconds: number; expiresInSeconds: number }> {
  return api('POST', '/api/identity/phone-codes', { phone });
}

/** Signs a resident in with the code, signing them up the first time. */
export async function signInByPhone(phone: string, code: string): Promise<User> {
  await api<unknown>('POST', '/api/identity/phone-sessions', { phone, code });
  return fetchMe();
}

export async function signOut(): Promise<void> {
  await api<void>('DELETE', '/api/identity/sessions/current');
}

export async function fetchMe(): Promise<User> {
  const me = await api<{ user: Omit<User, 'abilities'>; abilities?: string[] }>('GET', '/api/identity/me');
  // A server without the list offers nothing beyond what every signed-in person may do.
  return { ...me.user, abilities: me.abilities ?? [] };
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api<void>('POST', '/api/identity/password', { currentPassword, newPassword });
}
