import { Image } from 'antd';
import { useT } from '../../core/i18n';
import { type Media, mediaUrl } from './api';

/** The photos of one timeline row as thumbnails that open the full image, and its voice notes as players. */
export function MediaList({ media }: { media: Media[] }) {
  const { t } = useT();
  if (media.length === 0) return null;
  const photos = media.filter((m) => m.kind === 'photo');
  const voices = media.filter((m) => m.kind === 'voice');
  return (
    <div className="sz-media" data-testid="timeline-media">
      {photos.length > 0 && (
        <Image.PreviewGroup>
          {photos.map((m) => (
            <Image
              key={m.id}
              width={88}
              height={88}
              className="sz-media-thumb"
              src={mediaUrl(m.id, true)}
              preview={{ src: mediaUrl(m.id) }}
              alt={t('media.photo')}
            />
          ))}
        </Image.PreviewGroup>
      )}
      {voices.map((m) => (
        // biome-ignore lint/a11y/useMediaCaption: a resident's voice note has no transcript to caption it with
        <audio key={m.id} controls preload="none" src={mediaUrl(m.id)} className="sz-media-voice" />
      ))}
    </div>
  );
}
