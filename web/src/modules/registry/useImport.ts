import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { FINISHED, fetchImport, type ImportJob, type ImportMode, startImport } from './api';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; percent: number }
  | { phase: 'running'; job: ImportJob }
  | { phase: 'failed'; message: string };

const POLL_MS = 1000;

/** Uploads a residents file, then follows the server's checking and importing of it until it has finished. */
export function useImport(): {
  state: ImportState;
  /** A file is on its way or being worked through; another must wait. */
  busy: boolean;
  start: (file: File, mode: ImportMode) => Promise<void>;
} {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const [jobId, setJobId] = useState<number>();

  const start = useCallback(async (file: File, mode: ImportMode) => {
    setJobId(undefined);
    setState({ phase: 'uploading', fileName: file.name, percent: 0 });
    try {
      const { id } = await startImport(file, mode, (percent) =>
        setState({ phase: 'uploading', fileName: file.name, percent }),
      );
      setJobId(id);
    } catch (err) {
      setState({ phase: 'failed', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    if (jobId === undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Each poll waits for the previous answer, so a slow server is never asked twice at once.
    const poll = async () => {
      try {
        const job = await fetchImport(jobId);
        if (!live) return;
        setState({ phase: 'running', job });
        if (!FINISHED.includes(job.status)) timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (live) setState({ phase: 'failed', message: errorMessage(err) });
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const busy = state.phase === 'uploading' || (state.phase === 'running' && !FINISHED.includes(state.job.status));
  return { state, busy, start };
}
