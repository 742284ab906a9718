import { ReloadOutlined } from '@ant-design/icons';
import {
  type InfiniteData,
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  type QueryKey,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Alert, Button, Empty } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { ApiError, errorMessage } from './api';
import { useT } from './i18n';

/**
 * What a page shows of something it reads from the server: nothing asked yet (no key), loading (with the last
 * answer, where the caller keeps it), the answer, or a failure with a way to ask again.
 */
export type Load<T> =
  | { status: 'none' }
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'failed'; message: string; forbidden: boolean; retry: () => void };

/** A 4xx (forbidden, not found, invalid) will not change by asking again; a lost connection or a 5xx may. */
const retry = (failures: number, err: unknown) =>
  failures < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500);

/**
 * One cache for every read: a page asks again when the window regains focus, when a server event touches what it
 * shows (see `invalidateSubject`), and after a change the page itself made (`useInvalidate`).
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        // 'always': a read made without a connection fails at once with the network error, as the phone shows it,
        // rather than waiting silently for the browser to say it is online
        defaultOptions: { queries: { retry, refetchOnWindowFocus: true, networkMode: 'always' } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export interface LoadOptions {
  /** Keep showing the last key's answer while the next key loads (a map moving to another region). */
  keepPrevious?: boolean;
  /** Ask again every so many milliseconds while shown (a live board). */
  pollMs?: number;
  /**
   * Reference data that changes only by an administrator's edit (categories, orgs): asked once per visit, not on
   * focus, and kept even while no page shows it, so a phone that loses its connection still has it.
   */
  once?: boolean;
}

/**
 * Reads `load(key)` under the query key `[...name, key]`; nothing while `key` is undefined. `name` starts with the
 * module whose data it is (`['cases', 'box']`), which is what server events invalidate by. A failed refresh keeps
 * what is shown: only a first load that fails shows as failed.
 */
export function useLoad<K, T>(
  name: readonly [string, ...string[]],
  key: K | undefined,
  load: (key: K) => Promise<T>,
  { keepPrevious = false, pollMs, once = false }: LoadOptions = {},
): Load<T> {
  const query = useQuery({
    queryKey: [...name, key],
    queryFn: () => load(key as K),
    enabled: key !== undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    refetchInterval: pollMs,
    ...(once && { staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY }),
  });
  if (key === undefined) return { status: 'none' };
  if (query.isPlaceholderData) return { status: 'loading', value: query.data };
  if (query.data !== undefined) return { status: 'ready', value: query.data };
  if (query.isError) {
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    return { status: 'failed', message: errorMessage(query.error), forbidden, retry: () => void query.refetch() };
  }
  return { status: 'loading' };
}

/** A list read a page at a time: the pages so far, and `more` while the last page names a next one. */
export interface PagedLoad<P> {
  load: Load<readonly P[]>;
  more?: () => void;
  loadingMore: boolean;
}

/**
 * `useLoad` for a list the server hands out a page at a time ("load more"): `load(key, cursor)` answers one page,
 * whose `next` is the cursor of the following page (null on the last). A refresh asks for every page shown again, in
 * order, so rows that arrived meanwhile push the pages along instead of leaving a gap between them.
 */
export function usePagedLoad<K, C, P extends { next: C | null }>(
  name: readonly [string, ...string[]],
  key: K | undefined,
  load: (key: K, cursor: C | undefined) => Promise<P>,
): PagedLoad<P> {
  const query = useInfiniteQuery<P, Error, InfiniteData<P>, QueryKey, C | undefined>({
    queryKey: [...name, key],
    // TanStack types the cursor by a conditional it cannot decide while C is generic, so it is named here
    queryFn: ({ pageParam }) => load(key as K, pageParam as C | undefined),
    initialPageParam: undefined as C | undefined,
    getNextPageParam: (last: P) => last.next ?? undefined,
    enabled: key !== undefined,
  });
  // a second click while the next page loads asks for nothing more
  const more = query.hasNextPage ? () => void query.fetchNextPage({ cancelRefetch: false }) : undefined;
  const loadingMore = query.isFetchingNextPage;
  if (key === undefined) return { load: { status: 'none' }, loadingMore };
  if (query.data !== undefined) return { load: { status: 'ready', value: query.data.pages }, more, loadingMore };
  if (query.isError) {
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    const retry = () => void query.refetch();
    return { load: { status: 'failed', message: errorMessage(query.error), forbidden, retry }, loadingMore };
  }
  return { load: { status: 'loading' }, loadingMore };
}

/** The answer a read has, for showing it whether or not a newer one is on its way. */
export function loadedValue<T>(load: Load<T>): T | undefined {
  return load.status === 'ready' || load.status === 'loading' ? load.value : undefined;
}

/** Tells the reads under a name prefix (`['registry', 'compounds']`) that what they show has changed. */
export function useInvalidate(): (name: QueryKey) => Promise<void> {
  const client = useQueryClient();
  return useCallback((name) => client.invalidateQueries({ queryKey: name }), [client]);
}

/** What a server event's subject (`case:12`, `alarm:3`) changes: every read of that module's data. */
const SUBJECT_MODULE: Record<string, string> = { case: 'cases', alarm: 'iot' };

export function invalidateSubject(client: QueryClient, subject: string | null): void {
  const module = SUBJECT_MODULE[subject?.split(':')[0] ?? ''];
  if (module) void client.invalidateQueries({ queryKey: [module] });
}

/** A read that failed, in the page's own words, with a button to ask again. */
export function LoadFailed({
  message,
  retry,
  type = 'error',
}: {
  message: string;
  retry: () => void;
  type?: 'error' | 'warning';
}) {
  const { t } = useT();
  return (
    <Alert
      type={type}
      showIcon
      title={message}
      data-testid="load-failed"
      action={
        <Button size="small" icon={<ReloadOutlined />} onClick={retry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/** Nothing to show, said the same way everywhere. */
export function EmptyState({ description }: { description: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
