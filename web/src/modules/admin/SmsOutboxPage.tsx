import { Alert, Layout, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { api } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useLoad } from '../../core/query';
import { AdminTabs } from './AdminTabs';
import { chinaTime } from './adminText';
import './admin.css';

interface OutboxEntry {
  id: number;
  at: string;
  phoneMasked: string;
  template: 'otp' | 'notice';
  text: string;
}

const fetchOutbox = () =>
  api<{ gateway: 'dev_outbox' | 'aliyun'; items: OutboxEntry[] }>('GET', '/api/admin/sms-outbox?limit=100');

/**
 * 开发短信发件箱: on a machine without an SMS gateway, the texts the platform would have sent (sign-up codes among
 * them), newest first and refreshed every few seconds, under a warning that none of them reached a phone.
 */
export function SmsOutboxPage() {
  const { t, lang } = useT();
  const load = useLoad(['admin', 'sms-outbox'], 'all', fetchOutbox, { pollMs: 3000 });
  const outbox = loadedValue(load);
  const columns: TableColumnsType<OutboxEntry> = [
    { key: 'at', title: t('smsOutbox.at'), width: 170, render: (_, e) => chinaTime(e.at, lang) },
    { key: 'phone', title: t('smsOutbox.phone'), width: 130, render: (_, e) => e.phoneMasked },
    {
      key: 'template',
      title: t('smsOutbox.template'),
      width: 100,
      render: (_, e) => <Tag color={e.template === 'otp' ? 'blue' : 'default'}>{t(`smsOutbox.${e.template}`)}</Tag>,
    },
    { key: 'text', title: t('smsOutbox.text'), render: (_, e) => <span data-testid="sms-text">{e.text}</span> },
  ];
  return (
    <Layout.Content className="sz-admin" data-testid="admin-sms-outbox">
      <AdminTabs current="admin-sms-outbox" />
      <Typography.Title level={4} className="sz-admin-title">
        {t('smsOutbox.title')}
      </Typography.Title>
      {outbox?.gateway === 'aliyun' ? (
        <Alert type="info" showIcon message={t('smsOutbox.realGateway')} />
      ) : (
        <Alert type="warning" showIcon message={t('smsOutbox.devWarning')} className="sz-admin-warning" />
      )}
      {load.status === 'failed' ? (
        <LoadFailed message={load.message} retry={load.retry} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={outbox?.items ?? []}
          loading={load.status === 'loading'}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('smsOutbox.empty')} /> }}
        />
      )}
    </Layout.Content>
  );
}
