import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../core/api';
import { type Alarm, type AlarmPoints, fetchAlarmPoints, fetchAlarms } from './api';

/** Short enough that a fire shows within seconds, long enough that a few open consoles do not load the server. */
const POLL_MS = 3000;
const BOARD_LIMIT = 200;

export interface AlarmBoard {
  /** undefined until the first answer. */
  alarms?: Alarm[];
  total: number;
  points?: AlarmPoints;
  error?: string;
  /** Counts the answers, so what depends on the board (a building's alarms) refreshes with it. */
  tick: number;
  /** Asks again now, after an action, instead of waiting for the next poll. */
  refresh: () => void;
  /** Puts an action's answer in place at once. */
  replace: (alarm: Alarm) => void;
}

/**
 * The open alarms and their buildings on the map, polled together so the board and the map never disagree. The next
 * poll is scheduled only when the last one has answered, so a slow server is never asked twice at once; a refresh
 * asked for meanwhile runs when it answers.
 */
export function useAlarmBoard(regionCode: string | undefined): AlarmBoard {
  const [state, setState] = useState<Omit<AlarmBoard, 'refresh' | 'replace'>>({ total: 0, tick: 0 });
  const poke = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ total: 0, tick: 0 });
    const poll = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      try {
        const [page, points] = await Promise.all([
          fetchAlarms({ regionCode, status: 'open', limit: BOARD_LIMIT }),
          fetchAlarmPoints(regionCode),
        ]);
        if (live) setState((prev) => ({ alarms: page.items, total: page.total, points, tick: prev.tick + 1 }));
      } catch (err) {
        if (live) setState((prev) => ({ ...prev, error: errorMessage(err) }));
      }
      running = false;
      if (!live) return;
      if (again) {
        again = false;
        void poll();
      } else timer = setTimeout(poll, POLL_MS);
    };
    poke.current = () => void poll();
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [regionCode]);

  const refresh = useCallback(() => poke.current(), []);
  const replace = useCallback((alarm: Alarm) => {
    setState((prev) => ({ ...prev, alarms: prev.alarms?.map((a) => (a.id === alarm.id ? alarm : a)) }));
  }, []);

  return { ...state, refresh, replace };
}
