import { Button } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../core/i18n';

/** A minute of speech is plenty for a report and stays far below the server's 5 MB for a voice note. */
const MAX_SECONDS = 60;
const MIME = 'audio/webm';

/** Older phone browsers have no MediaRecorder; they simply get no record button. */
export const canRecord = typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

function release(rec: MediaRecorder) {
  for (const track of rec.stream.getTracks()) track.stop();
}

interface Props {
  onRecorded: (file: File) => void;
  onError: (message: string) => void;
  disabled: boolean;
}

/** Tap to record a voice note, tap again (or wait a minute) to stop; the note is handed over as one webm file. */
export function VoiceRecorder({ onRecorded, onError, disabled }: Props) {
  const { t } = useT();
  const recorder = useRef<MediaRecorder | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);

  useEffect(() => {
    if (seconds === null) return;
    if (seconds >= MAX_SECONDS) {
      recorder.current?.stop();
      return;
    }
    const timer = setTimeout(() => setSeconds((s) => (s === null ? s : s + 1)), 1000);
    return () => clearTimeout(timer);
  }, [seconds]);

  // Leaving the page mid-recording frees the microphone and drops the half-made note.
  useEffect(
    () => () => {
      const rec = recorder.current;
      if (!rec) return;
      rec.onstop = () => release(rec);
      rec.stop();
    },
    [],
  );

  async function start() {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      onError(t('media.noMicrophone'));
      return;
    }
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream, MediaRecorder.isTypeSupported(MIME) ? { mimeType: MIME } : undefined);
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.onstop = () => {
      release(rec);
      recorder.current = null;
      setSeconds(null);
      if (chunks.length) onRecorded(new File(chunks, `voice-${Date.now()}.webm`, { type: MIME }));
    };
    rec.start();
    recorder.current = rec;
    setSeconds(0);
  }

  if (!canRecord) return null;
  const recording = seconds !== null;
  return (
    <Button
      block
      color={recording ? 'danger' : 'default'}
      disabled={disabled && !recording}
      onClick={() => (recording ? recorder.current?.stop() : void start())}
      data-testid="phone-record"
    >
      {recording ? t('media.stopRecording', { seconds }) : t('media.record')}
    </Button>
  );
}
