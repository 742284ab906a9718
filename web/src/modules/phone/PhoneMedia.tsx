import { ImageViewer } from 'antd-mobile';
import { useT } from '../../core/i18n';
import { type Media, mediaUrl } from '../cases/api';

/** A timeline row's photos as thumbnails that open full screen, its voice notes as players. */
export function PhoneMedia({ media }: { media: Media[] }) {
  const { t } = useT();
  if (media.length === 0) return null;
  const photos = media.filter((m) => m.kind === 'photo');
  const full = photos.map((m) => mediaUrl(m.id));
  return (
    <div className="sz-phone-media" data-testid="phone-timeline-media">
      {photos.map((m, i) => (
        <button
          key={m.id}
          type="button"
          className="sz-phone-media-open"
          onClick={() => ImageViewer.Multi.show({ images: full, defaultIndex: i })}
        >
          <img src={mediaUrl(m.id, true)} alt={t('media.photo')} />
        </button>
      ))}
      {media
        .filter((m) => m.kind === 'voice')
        .map((m) => (
          // biome-ignore lint/a11y/useMediaCaption: a voice note has no transcript to caption it with
          <audio key={m.id} controls preload="none" src={mediaUrl(m.id)} />
        ))}
    </div>
  );
}
