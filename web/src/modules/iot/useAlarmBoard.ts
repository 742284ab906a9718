import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../../core/api';
import { type Alarm, type AlarmPoints, fetchAlarmPoints, fetchAlarms, fetchIncidents, type Incident } from './api';

/** Short enough that a fire shows within seconds, long enough that a few open consoles do not load the server. */
export const POLL_MS = 3000;
const BOARD_LIMIT = 200;

export interface AlarmBoard {
  /** undefined until the first answer. */
  alarms?: Alarm[];
  /** The open fires, one per place, each with its alarms. */
  incidents?: Incident[];
  total: number;
  points?: AlarmPoints;
  error?: string;
  /** Asks again now, after an action, instead of waiting for the next poll. */
  refresh: () => void;
  /** Puts an action's answer in place at once. */
  replace: (alarm: Alarm) => void;
}

interface Board {
  alarms: Alarm[];
  incidents: Incident[];
  total: number;
  points: AlarmPoints;
}

async function loadBoard(regionCode: string | undefined): Promise<Board> {
  const [page, incidents, points] = await Promise.all([
    fetchAlarms({ regionCode, status: 'open', limit: BOARD_LIMIT }),
    fetchIncidents(regionCode),
    fetchAlarmPoints(regionCode),
  ]);
  return { alarms: page.items, incidents: incidents.items, total: page.total, points };
}

/**
 * The open alarms and their buildings on the map, polled together so the board and the map never disagree; a server
 * event about an alarm asks at once. A failed poll keeps the last board on screen with the error beside it.
 */
export function useAlarmBoard(regionCode: string | undefined): AlarmBoard {
  const client = useQueryClient();
  const queryKey = ['iot', 'board', regionCode ?? ''];
  const query = useQuery({ queryKey, queryFn: () => loadBoard(regionCode), refetchInterval: POLL_MS });
  const { refetch } = query;
  const refresh = useCallback(() => void refetch(), [refetch]);
  const key = queryKey.join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key as a string, so it is the same between renders
  const replace = useCallback(
    (alarm: Alarm) =>
      client.setQueryData<Board>(queryKey, (prev) =>
        prev
          ? {
              ...prev,
              alarms: prev.alarms.map((a) => (a.id === alarm.id ? alarm : a)),
              incidents: prev.incidents.map((i) => ({
                ...i,
                alarms: i.alarms.map((a) => (a.id === alarm.id ? alarm : a)),
              })),
            }
          : prev,
      ),
    [client, key],
  );
  return {
    alarms: query.data?.alarms,
    incidents: query.data?.incidents,
    total: query.data?.total ?? 0,
    points: query.data?.points,
    error: query.error ? errorMessage(query.error) : undefined,
    refresh,
    replace,
  };
}
