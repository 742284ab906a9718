import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { MAX_MEDIA, type Media, uploadMedia } from './api';

interface Props {
  /** The ids of the uploaded photos, for a Form.Item. */
  onChange?: (ids: number[]) => void;
  /** True while a photo is still on its way, so the form is not sent without it. */
  onBusyChange: (busy: boolean) => void;
}

/** Each photo is uploaded as soon as it is picked; the form sends only the ids the server gave back. */
export function PhotoUpload({ onChange, onBusyChange }: Props) {
  const { t } = useT();
  const [files, setFiles] = useState<UploadFile<Media>[]>([]);

  function changed(next: UploadFile<Media>[]) {
    setFiles(next);
    onBusyChange(next.some((f) => f.status === 'uploading'));
    onChange?.(next.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])));
  }

  return (
    <Upload<Media>
      accept="image/*"
      listType="picture-card"
      multiple
      maxCount={MAX_MEDIA}
      fileList={files}
      onChange={({ fileList }) => changed(fileList)}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const blob = file as File;
        uploadMedia(blob, blob.name, (percent) => onProgress?.({ percent })).then(
          (media) => onSuccess?.(media),
          (err: Error) => onError?.(err),
        );
      }}
      data-testid="photo-upload"
    >
      {files.length < MAX_MEDIA && (
        <button type="button" className="sz-upload-button">
          <PlusOutlined />
          <div>{t('media.addPhoto')}</div>
        </button>
      )}
    </Upload>
  );
}
