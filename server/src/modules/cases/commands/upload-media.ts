import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { insertMedia } from '../db/cases.repository.js';

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const VOICE_TYPES = new Set([
  'audio/mp4',
  'audio/x-m4a',
  'audio/mpeg',
  'audio/aac',
  'audio/amr',
  'audio/ogg',
  'audio/opus',
  'audio/wav',
  'video/webm',
]);
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const VOICE_MAX_BYTES = 5 * 1024 * 1024;
const THUMB_WIDTH = 320;

/**
 * A photo or voice note, judged by its bytes and never by its name or declared type. Photos are decoded, turned
 * upright and stored without their metadata (a phone's EXIF holds the reporter's GPS track and device), with a
 * thumbnail; a file that does not decode is refused.
 */
export async function uploadMedia(ctx: Pick<ModuleContext, 'db' | 'files'>, actor: Actor, bytes: Buffer) {
  const type = await fileTypeFromBuffer(bytes);
  // a browser's MediaRecorder writes audio-only WebM, which the signature cannot tell from video
  const mime = type?.mime === 'video/webm' ? 'audio/webm' : (type?.mime ?? 'unknown');
  const kind: 'photo' | 'voice' | null = PHOTO_TYPES.has(mime) ? 'photo' : VOICE_TYPES.has(mime) ? 'voice' : null;
  if (!kind) throw casesErrors.badMedia({ field: 'file', params: { mime } });
  if (bytes.length > (kind === 'photo' ? PHOTO_MAX_BYTES : VOICE_MAX_BYTES))
    throw casesErrors.mediaTooLarge({ field: 'file' });

  if (kind === 'voice') {
    const fileKey = await ctx.files.put(bytes);
    const id = await insertMedia(ctx.db, {
      kind,
      mime,
      bytes: bytes.length,
      fileKey,
      thumbKey: null,
      width: null,
      height: null,
      uploadedBy: actor.id,
    });
    return { id, kind, mime };
  }
  let clean: Buffer;
  let thumb: Buffer;
  let width: number | null;
  let height: number | null;
  try {
    const image = sharp(bytes, { failOn: 'error' }).rotate();
    const out = await image.clone().jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    clean = out.data;
    width = out.info.width;
    height = out.info.height;
    thumb = await image
      .clone()
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    throw casesErrors.badMedia({ field: 'file', params: { mime } });
  }
  const [fileKey, thumbKey] = await Promise.all([ctx.files.put(clean), ctx.files.put(thumb, '.thumb')]);
  const id = await insertMedia(ctx.db, {
    kind,
    mime: 'image/jpeg',
    bytes: clean.length,
    fileKey,
    thumbKey,
    width,
    height,
    uploadedBy: actor.id,
  });
  return { id, kind, mime: 'image/jpeg' } as const;
}
