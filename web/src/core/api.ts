import { type Lang, translate } from './i18n';

/** A failure as the server describes it; `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const UNAUTHENTICATED = 'auth.unauthenticated';

let lang: Lang = 'zh-CN';
const sessionEndedListeners = new Set<() => void>();

/** The server localizes its error messages from Accept-Language, so it follows the UI language. */
export function setApiLang(next: Lang): void {
  lang = next;
}

/** Called when the server says the session is gone (expired, signed out elsewhere). */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

export async function api<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, 'Accept-Language': lang, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', translate(lang, 'error.network'));
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) return data as T;
  const err = (data as ErrorBody | undefined)?.error;
  if (!err?.code || !err.message) {
    throw new ApiError(res.status, 'unexpected', translate(lang, 'error.unexpected', { status: res.status }));
  }
  if (err.code === UNAUTHENTICATED) for (const listener of sessionEndedListeners) listener();
  throw new ApiError(res.status, err.code, err.message, err.field);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
