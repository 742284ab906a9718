import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { type Box, type Case, fetchBox } from './api';

export type BoxState =
  | { status: 'loading'; items: Case[] }
  | { status: 'ready'; items: Case[]; total: number }
  | { status: 'forbidden'; items: Case[] }
  | { status: 'failed'; items: Case[]; message: string };

/** One inbox; `version` reloads it after something changed. The old rows stay visible while it reloads. */
export function useCaseBox(box: Box | undefined, version: number): BoxState {
  const [state, setState] = useState<BoxState>({ status: 'loading', items: [] });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version is the request to load the box again
  useEffect(() => {
    if (!box) return;
    let live = true;
    setState((prev) => ({ status: 'loading', items: prev.items }));
    fetchBox(box).then(
      ({ items, total }) => live && setState({ status: 'ready', items, total }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 403) setState({ status: 'forbidden', items: [] });
        else setState((prev) => ({ status: 'failed', items: prev.items, message: errorMessage(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [box, version]);

  return state;
}
