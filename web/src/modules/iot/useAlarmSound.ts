import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alarm } from './api';

const MUTED_KEY = 'shanzhi.fire.muted';

/** Two alternating pitches, as a fire panel's sounder, three times over: noticeable, and over in a second and a half. */
const BEEPS = [988, 740, 988, 740, 988, 740];
const BEEP_S = 0.22;
const GAP_S = 0.03;

function playTone(ctx: AudioContext): void {
  const gain = ctx.createGain();
  gain.connect(ctx.destination);
  const start = ctx.currentTime + 0.02;
  BEEPS.forEach((frequency, i) => {
    const at = start + i * (BEEP_S + GAP_S);
    const osc = ctx.createOscillator();
    osc.type = 'square';
    osc.frequency.value = frequency;
    osc.connect(gain);
    // ramps rather than steps, so the square wave starts and stops without a click
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.15, at + 0.01);
    gain.gain.setValueAtTime(0.15, at + BEEP_S - 0.02);
    gain.gain.linearRampToValueAtTime(0, at + BEEP_S);
    osc.start(at);
    osc.stop(at + BEEP_S);
  });
}

export interface AlarmSound {
  muted: boolean;
  setMuted: (muted: boolean) => void;
  /** The browser holds sound back until the page has had a click; the button that gives it one shows meanwhile. */
  blocked: boolean;
  enable: () => void;
  /** How many times the tone has sounded since the page opened. */
  played: number;
}

/**
 * Sounds a tone when an alarm appears that nobody has acknowledged yet. What is already on the board when the page
 * opens does not sound: the board shows it, and reopening the page should not replay the alarm.
 */
export function useAlarmSound(alarms: Alarm[] | undefined): AlarmSound {
  const [muted, setMutedState] = useState(() => localStorage.getItem(MUTED_KEY) === '1');
  const [blocked, setBlocked] = useState(false);
  const [played, setPlayed] = useState(0);
  const ctx = useRef<AudioContext | null>(null);
  const seen = useRef<Set<number> | null>(null);

  useEffect(() => {
    if (typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    ctx.current = context;
    const update = () => setBlocked(context.state === 'suspended');
    update();
    context.addEventListener('statechange', update);
    return () => {
      context.removeEventListener('statechange', update);
      ctx.current = null;
      void context.close();
    };
  }, []);

  useEffect(() => {
    if (!alarms) return;
    const waiting = alarms.filter((a) => a.status === 'active_unack').map((a) => a.id);
    const first = seen.current === null;
    const known = seen.current ?? new Set<number>();
    const fresh = waiting.filter((id) => !known.has(id));
    seen.current = new Set([...known, ...waiting]);
    const context = ctx.current;
    if (first || fresh.length === 0 || muted || !context || context.state !== 'running') return;
    playTone(context);
    setPlayed((n) => n + 1);
  }, [alarms, muted]);

  const setMuted = useCallback((next: boolean) => {
    localStorage.setItem(MUTED_KEY, next ? '1' : '0');
    setMutedState(next);
  }, []);

  const enable = useCallback(() => {
    void ctx.current?.resume();
  }, []);

  return { muted, setMuted, blocked, enable, played };
}
