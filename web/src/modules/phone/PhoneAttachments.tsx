import { List, NoticeBar, ProgressCircle } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { MAX_MEDIA } from '../cases/api';
import type { Upload, Uploads } from './useUploads';
import { canRecord, VoiceRecorder } from './VoiceRecorder';

function UploadState({ upload }: { upload: Upload }) {
  const { t } = useT();
  if (upload.error) {
    return (
      <div className="sz-phone-tile-error" data-testid="phone-upload-error">
        {upload.error}
      </div>
    );
  }
  if (upload.media) return null;
  if (upload.waiting) {
    return (
      <div className="sz-phone-tile-waiting" data-testid="phone-upload-waiting">
        {t('outbox.waiting')}
      </div>
    );
  }
  return (
    <div className="sz-phone-tile-progress">
      <ProgressCircle percent={upload.progress} style={{ '--size': '36px' }}>
        {upload.progress}%
      </ProgressCircle>
    </div>
  );
}

function Tile({ upload, onRemove }: { upload: Upload; onRemove: () => void }) {
  const { t } = useT();
  return (
    <div className={`sz-phone-tile sz-phone-tile--${upload.kind}`} data-testid="phone-upload">
      {upload.kind === 'photo' ? (
        <img src={upload.preview} alt={t('media.photo')} />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: the resident's own recording, played back before sending
        <audio controls src={upload.preview} />
      )}
      <UploadState upload={upload} />
      <button type="button" className="sz-phone-tile-remove" aria-label={t('media.remove')} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}

/** Photos from the camera or the album, and voice notes, each uploaded at once with its progress or error shown. */
export function PhoneAttachments({ uploads }: { uploads: Uploads }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  const full = uploads.items.length >= MAX_MEDIA;
  return (
    <List header={t('media.attachments')} mode="card">
      <List.Item>
        <div className="sz-phone-tiles">
          {uploads.items.map((u) => (
            <Tile key={u.key} upload={u} onRemove={() => uploads.remove(u.key)} />
          ))}
          {!full && (
            <label className="sz-phone-tile sz-phone-tile--add">
              <span className="sz-phone-tile-plus">+</span>
              <span>{t('media.addPhoto')}</span>
              <input
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                data-testid="phone-photo-input"
                onChange={(e) => {
                  const room = MAX_MEDIA - uploads.items.length;
                  for (const file of [...(e.target.files ?? [])].slice(0, room)) uploads.add(file, 'photo');
                  e.target.value = '';
                }}
              />
            </label>
          )}
        </div>
      </List.Item>
      {canRecord && (
        <List.Item>
          <VoiceRecorder
            disabled={full}
            onRecorded={(file) => {
              setError(undefined);
              uploads.add(file, 'voice');
            }}
            onError={setError}
          />
          {error && <NoticeBar content={error} color="error" wrap />}
        </List.Item>
      )}
    </List>
  );
}
