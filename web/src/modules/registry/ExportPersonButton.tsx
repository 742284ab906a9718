import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { downloadPersonRecord } from './api';

/** 导出本人信息: everything held on one person, unmasked, for them to take away when they ask; audited. */
export function ExportPersonButton({ personId }: { personId: number }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function exportRecord() {
    setBusy(true);
    try {
      await downloadPersonRecord(personId);
    } catch (err) {
      void message.error(t('person.exportFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Tooltip title={t('person.exportHint')}>
      <Button icon={<FileTextOutlined />} loading={busy} onClick={exportRecord} data-testid="export-person">
        {t('person.export')}
      </Button>
    </Tooltip>
  );
}
