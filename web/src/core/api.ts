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

/** A server type as JSON delivers it: its Dates arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

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
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
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
  throw failure(res.status, data);
}

/** The server's error body as an ApiError; a lost session also tells the listeners. */
function failure(status: number, data: unknown): ApiError {
  const err = (data as ErrorBody | undefined)?.error;
  if (!err?.code || !err.message) {
    return new ApiError(status, 'unexpected', translate(lang, 'error.unexpected', { status }));
  }
  if (err.code === UNAUTHENTICATED) for (const listener of sessionEndedListeners) listener();
  return new ApiError(status, err.code, err.message, err.field);
}

/**
 * One file as multipart field `file`. XMLHttpRequest rather than fetch, because only it reports upload progress,
 * which a resident on a slow mobile connection needs to see.
 */
export function upload<T>(
  path: string,
  file: Blob,
  filename: string,
  onProgress?: (percent: number) => void,
  /** Statuses whose body is the result rather than an error, such as an import's 422 listing its bad rows. */
  resultStatuses: readonly number[] = [],
) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept-Language', lang);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', translate(lang, 'error.network')));
    xhr.onload = () => {
      if ((xhr.status >= 200 && xhr.status < 300) || resultStatuses.includes(xhr.status)) resolve(xhr.response as T);
      else reject(failure(xhr.status, xhr.response));
    };
    const body = new FormData();
    body.append('file', file, filename);
    xhr.send(body);
  });
}

/**
 * Saves a file the server generates. Fetched rather than linked so that it is written in the UI language (the
 * server reads Accept-Language) and a refusal shows as an error instead of a saved error page.
 */
export async function download(path: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'include', headers: { 'Accept-Language': lang } });
  } catch {
    throw new ApiError(0, 'network', translate(lang, 'error.network'));
  }
  if (!res.ok) throw failure(res.status, await res.json().catch(() => undefined));
  saveFile(await res.blob(), filename);
}

/** Hands a file to the browser's downloads, whether the server wrote it or the page did. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked later, not at once: the browser reads the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
