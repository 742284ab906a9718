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

/** A resident who chose a password signs in with their number and it instead of a code. */
export async function signInByPhonePassword(phone: string, password: string): Promise<User> {
  await api<unknown>('POST', '/api/identity/phone-password-sessions', { phone, password });
  return fetchMe();
}

/** The caller's own account, masked: their number, their real name, whether they chose a password. */
export interface Profile {
  phoneMasked: string | null;
  hasPassword: boolean;
  realName: { nameMasked: string; idNumberMasked: string } | null;
}

export function fetchProfile(): Promise<Profile> {
  return api('GET', '/api/identity/me/profile');
}

/** Texts a code to the resident's own number (never one they type), to prove it is theirs. */
export function sendOwnCode(): Promise<{ resendAfterSeconds: number; expiresInSeconds: number }> {
  return api('POST', '/api/identity/me/phone-codes');
}

/** The first password needs `code`; a later one `currentPassword` or `code`. */
export async function setOwnPassword(input: {
  newPassword: string;
  code?: string;
  currentPassword?: string;
}): Promise<void> {
  await api<void>('PUT', '/api/identity/me/password', input);
}

export function giveRealName(name: string, idNumber: string): Promise<Profile> {
  return api('PUT', '/api/identity/me/real-name', { name, idNumber });
}

export function removeRealName(): Promise<Profile> {
  return api('DELETE', '/api/identity/me/real-name');
}
