import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Radio, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { downloadTemplate, type ImportMode } from './api';
import { ImportProgress } from './ImportProgress';
import { useImport } from './useImport';

const ACCEPTED = /\.(xlsx|csv)$/i;

/** 批量导入: the template, the mode, the file, and how its import went. */
export function ImportPanel() {
  const { t } = useT();
  const { message } = App.useApp();
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const { state, busy, start } = useImport();

  return (
    <div className="sz-import" data-testid="import-panel">
      <div className="sz-import-head">
        <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          data-testid="import-template"
          onClick={() => downloadTemplate().catch((err: unknown) => message.error(errorMessage(err)))}
        >
          {t('import.template')}
        </Button>
      </div>
      <div className="sz-import-mode">
        <Typography.Text>{t('import.mode')}</Typography.Text>
        <Radio.Group
          data-testid="import-mode"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          options={[
            { value: 'all_or_nothing', label: t('import.modeAll') },
            { value: 'valid_only', label: t('import.modeValid') },
          ]}
        />
      </div>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={busy}
        data-testid="import-dragger"
        beforeUpload={(file) => {
          if (ACCEPTED.test(file.name)) return true;
          void message.error(t('import.badFile'));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file }) => void start(file as File, mode)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      <ImportProgress state={state} />
    </div>
  );
}
