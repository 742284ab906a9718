import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { type Media, uploadMedia } from '../cases/api';

export interface Upload {
  key: number;
  kind: Media['kind'];
  /** A local object URL, so the photo or recording shows before (and whether or not) the upload succeeds. */
  preview: string;
  progress: number;
  /** Kept so a photo that could not go up for want of a connection can be sent later from the outbox. */
  file: File;
  media?: Media;
  /** No connection: the file waits for the report to go into the outbox, rather than failing. */
  waiting?: true;
  error?: string;
}

export interface Uploads {
  items: Upload[];
  add: (file: File, kind: Media['kind']) => void;
  remove: (key: number) => void;
  clear: () => void;
  /** The ids to send with the report: the uploads that made it. */
  ids: number[];
  /** Files still going up; a file waiting for a connection is not busy. */
  busy: boolean;
}

const isOffline = (err: unknown) => err instanceof ApiError && err.code === 'network';

let nextKey = 1;

/** Photos and voice notes of a draft, each uploaded the moment it is added. */
export function useUploads(): Uploads {
  const [items, setItems] = useState<Upload[]>([]);
  const previews = useRef(new Map<number, string>());

  const patch = useCallback((key: number, change: Partial<Upload>) => {
    setItems((prev) => prev.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const add = useCallback(
    (file: File, kind: Media['kind']) => {
      const key = nextKey++;
      const preview = URL.createObjectURL(file);
      previews.current.set(key, preview);
      setItems((prev) => [...prev, { key, kind, preview, progress: 0, file }]);
      uploadMedia(file, file.name, (progress) => patch(key, { progress })).then(
        (media) => patch(key, { media, progress: 100 }),
        (err: unknown) => patch(key, isOffline(err) ? { waiting: true } : { error: errorMessage(err) }),
      );
    },
    [patch],
  );

  const forget = useCallback((keys: number[]) => {
    for (const key of keys) {
      const url = previews.current.get(key);
      if (url) URL.revokeObjectURL(url);
      previews.current.delete(key);
    }
  }, []);

  const remove = useCallback(
    (key: number) => {
      forget([key]);
      setItems((prev) => prev.filter((u) => u.key !== key));
    },
    [forget],
  );

  const clear = useCallback(() => {
    forget([...previews.current.keys()]);
    setItems([]);
  }, [forget]);

  useEffect(() => () => forget([...previews.current.keys()]), [forget]);

  return {
    items,
    add,
    remove,
    clear,
    ids: items.flatMap((u) => (u.media ? [u.media.id] : [])),
    busy: items.some((u) => !u.media && !u.error && !u.waiting),
  };
}
