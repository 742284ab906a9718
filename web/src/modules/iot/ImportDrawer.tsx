import { DownloadOutlined, InboxOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Progress, Statistic, Switch, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage, saveFile } from '../../core/api';
import { useT } from '../../core/i18n';
import { type Credential, type DeviceImportResult, downloadDeviceTemplate, importDevices } from './api';

const ACCEPTED = /\.(xlsx|csv)$/i;

type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; percent: number }
  | { phase: 'done'; result: DeviceImportResult }
  | { phase: 'failed'; message: string };

type CellError = DeviceImportResult['errors'][number];

/**
 * The secrets as a file the installer keeps, made here because the server no longer has them. The headers are the
 * template's, whatever the UI language; codes and secrets are letters, digits, _ and -, so nothing needs quoting.
 */
function saveCredentials(credentials: Credential[]) {
  const lines = ['设备编号,设备密钥', ...credentials.map((c) => `${c.code},${c.secret}`)];
  // the byte-order mark makes Excel read the Chinese headers as UTF-8
  const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
  saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `device-secrets-${Date.now()}.csv`);
}

function Summary({ result }: { result: DeviceImportResult }) {
  const { t } = useT();
  const errors = result.errors.length;
  const [type, text] =
    result.imported === 0
      ? errors
        ? (['error', t('iot.importRejected', { errors })] as const)
        : (['info', t('iot.importEmpty')] as const)
      : errors
        ? (['warning', t('iot.importPartial', { imported: result.imported, errors })] as const)
        : (['success', t('iot.importDone', { imported: result.imported })] as const);
  return (
    <>
      <div className="sz-import-counts" data-testid="fire-import-counts">
        <Statistic title={t('import.imported')} value={result.imported} data-testid="fire-import-imported" />
        <Statistic title={t('iot.importRows')} value={result.rows} />
        <Statistic title={t('iot.importErrors')} value={errors} />
      </div>
      <Alert type={type} showIcon title={text} data-testid="fire-import-summary" />
    </>
  );
}

function ErrorTable({ errors }: { errors: CellError[] }) {
  const { t } = useT();
  return (
    <Table<CellError>
      size="small"
      rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
      data-testid="fire-import-errors"
      dataSource={errors}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { key: 'line', title: t('iot.errLine'), dataIndex: 'line', width: 64, align: 'right' },
        { key: 'column', title: t('iot.errColumn'), dataIndex: 'column', width: 120 },
        { key: 'message', title: t('iot.errMessage'), dataIndex: 'message' },
      ]}
    />
  );
}

/** 批量导入: the template, the file, every bad cell by row and column, and the new devices' secrets, once. */
export function ImportDrawer({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [validOnly, setValidOnly] = useState(false);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  async function start(file: File) {
    setState({ phase: 'uploading', fileName: file.name, percent: 0 });
    try {
      const result = await importDevices(file, validOnly ? 'valid_only' : 'all_or_nothing', (percent) =>
        setState({ phase: 'uploading', fileName: file.name, percent }),
      );
      setState({ phase: 'done', result });
      if (result.imported) onImported();
    } catch (err) {
      setState({ phase: 'failed', message: errorMessage(err) });
    }
  }

  const result = state.phase === 'done' ? state.result : undefined;
  return (
    <Drawer open={open} onClose={onClose} title={t('iot.importTitle')} size={640} data-testid="fire-import">
      <div className="sz-import">
        <div className="sz-import-head">
          <Typography.Text type="secondary">{t('iot.importHint')}</Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            data-testid="fire-import-template"
            onClick={() => downloadDeviceTemplate().catch((err: unknown) => message.error(errorMessage(err)))}
          >
            {t('iot.template')}
          </Button>
        </div>
        <div className="sz-import-mode">
          <Switch checked={validOnly} onChange={setValidOnly} data-testid="fire-import-valid-only" />
          <Typography.Text>{t('iot.validOnly')}</Typography.Text>
          <Typography.Text type="secondary">{t('iot.validOnlyHint')}</Typography.Text>
        </div>
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={state.phase === 'uploading'}
          data-testid="fire-import-dragger"
          beforeUpload={(file) => {
            if (ACCEPTED.test(file.name)) return true;
            void message.error(t('import.badFile'));
            return Upload.LIST_IGNORE;
          }}
          customRequest={({ file }) => void start(file as File)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
        {state.phase === 'uploading' && (
          // at 100 % the file is there and the server is checking its rows, which is the longer part for a big file
          <div className="sz-import-progress" data-testid="fire-import-uploading">
            <Typography.Text>{t('iot.importing', { name: state.fileName })}</Typography.Text>
            <Progress percent={state.percent} status="active" />
          </div>
        )}
        {state.phase === 'failed' && <Alert type="error" showIcon title={state.message} />}
        {result && (
          <div className="sz-fire-import-result" data-testid="fire-import-result">
            <Summary result={result} />
            {result.credentials.length > 0 && (
              <>
                <Alert type="warning" showIcon title={t('iot.credentialsOnce', { count: result.credentials.length })} />
                <div>
                  <Button
                    type="primary"
                    icon={<KeyOutlined />}
                    data-testid="fire-import-credentials"
                    onClick={() => saveCredentials(result.credentials)}
                  >
                    {t('iot.credentials')}
                  </Button>
                </div>
              </>
            )}
            {result.errors.length > 0 && <ErrorTable errors={result.errors} />}
          </div>
        )}
      </div>
    </Drawer>
  );
}
