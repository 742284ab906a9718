import { type Case, reportCase, uploadMedia } from '../../cases/api';
import { type OutboxReport, removeFromOutbox, saveToOutbox } from './outboxStore';

/**
 * Uploads the photos still held as bytes, then files the report under its own key; a repeat after a lost response
 * gets the same case back. Each uploaded photo is written back as its id at once, so a send broken off halfway does
 * not upload it twice.
 */
export async function sendReport(report: OutboxReport): Promise<Case> {
  const media = [...report.media];
  for (const [i, item] of media.entries()) {
    if ('id' in item) continue;
    media[i] = { id: (await uploadMedia(item.blob, item.name)).id };
    await saveToOutbox({ ...report, media });
  }
  const ids = media.flatMap((m) => ('id' in m ? [m.id] : []));
  const { case: item } = await reportCase({ ...report.input, mediaIds: ids.length ? ids : undefined }, report.key);
  await removeFromOutbox(report.key);
  return item;
}
