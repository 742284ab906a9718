import type { Translator } from '../../core/i18n';
import { NINE_SMALL_LABELS, VENUE_KIND_LABELS } from '../registry/api';

// A device in a nine-small venue carries that kind (small_restaurant), in any other venue the venue's (shop).
const LABELS: Record<string, { 'zh-CN': string; en: string }> = { ...VENUE_KIND_LABELS, ...NINE_SMALL_LABELS };

/** The registry's own name for a venue kind; '' is every device outside a venue, mostly in homes. */
export function venueKindName(kind: string, { t, lang }: Pick<Translator, 't' | 'lang'>): string {
  if (kind === '') return t('iot.homesAndOther');
  return LABELS[kind]?.[lang] ?? kind;
}
