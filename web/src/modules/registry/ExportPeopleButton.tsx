import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { downloadPeople, type PersonTag } from './api';

/** The residents of a region (or the whole scope), masked, as a spreadsheet; the server audits every export. */
export function ExportPeopleButton({ regionCode, tag }: { regionCode?: string; tag?: PersonTag }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function exportPeople() {
    setBusy(true);
    try {
      await downloadPeople({ regionCode, tag });
    } catch (err) {
      void message.error(t('registry.exportFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Tooltip title={t('registry.exportHint')}>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={exportPeople} data-testid="export-people">
        {t('registry.exportPeople')}
      </Button>
    </Tooltip>
  );
}
