import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { downloadRosterTemplate, importRoster, type RosterProblem, savePasswords } from './api';

type Outcome =
  | { kind: 'created'; created: number; passwordsXlsx: string }
  | { kind: 'refused'; message: string; problems: RosterProblem[] };

/**
 * 批量导入: a staff roster from the template, all or nothing. A refusal lists every problem by row and column; a
 * success hands over the one-time passwords once, as a spreadsheet to download before the dialog closes.
 */
export function RosterImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  async function submit() {
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await importRoster(file);
      if ('error' in result)
        setOutcome({ kind: 'refused', message: result.error.message, problems: result.error.details?.problems ?? [] });
      else {
        setOutcome({ kind: 'created', ...result });
        onImported();
      }
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const created = outcome?.kind === 'created' ? outcome : undefined;
  const refused = outcome?.kind === 'refused' ? outcome : undefined;

  return (
    <Modal
      open
      title={t('roster.title')}
      onCancel={onClose}
      width={720}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        created ? (
          <Button onClick={onClose} data-testid="roster-close">
            {t('roster.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('users.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={busy} onClick={submit} data-testid="roster-submit">
              {t('roster.import')}
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="roster-modal">
        {created ? (
          <Result
            status="success"
            title={t('roster.created', { count: created.created })}
            subTitle={t('roster.passwordsOnce')}
            extra={
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                onClick={() => savePasswords(created.passwordsXlsx)}
                data-testid="roster-passwords"
              >
                {t('roster.downloadPasswords')}
              </Button>
            }
            data-testid="roster-created"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('roster.hint')}</Typography.Paragraph>
            <Space wrap align="start" className="sz-roster-pick">
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void downloadRosterTemplate()}
                data-testid="roster-template"
              >
                {t('roster.template')}
              </Button>
              <Upload
                accept=".xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setOutcome(undefined);
                  return false;
                }}
                onRemove={() => setFile(undefined)}
                fileList={file ? [{ uid: 'roster', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />} data-testid="roster-file">
                  {t('roster.pick')}
                </Button>
              </Upload>
            </Space>
            {refused && (
              <div data-testid="roster-refused">
                <Alert type="error" showIcon title={refused.message} className="sz-form-alert" />
                {refused.problems.length > 0 && (
                  <Table<RosterProblem>
                    size="small"
                    rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
                    dataSource={refused.problems}
                    pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                    columns={[
                      { key: 'row', title: t('roster.row'), dataIndex: 'row', width: 80 },
                      { key: 'column', title: t('roster.column'), dataIndex: 'column', width: 170 },
                      { key: 'message', title: t('roster.problem'), dataIndex: 'message' },
                    ]}
                    data-testid="roster-problems"
                  />
                )}
              </div>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
