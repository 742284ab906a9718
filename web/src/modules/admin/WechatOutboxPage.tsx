import { Alert, Layout, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { api } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useLoad } from '../../core/query';
import { AdminTabs } from './AdminTabs';
import { chinaTime } from './adminText';
import './admin.css';

interface WechatEntry {
  id: number;
  at: string;
  openidMasked: string;
  template: 'notice';
  data: Record<string, string>;
  url: string | null;
  text: string;
}

const fetchOutbox = () =>
  api<{ gateway: 'dev' | 'mp'; items: WechatEntry[] }>('GET', '/api/admin/wechat-outbox?limit=100');

/**
 * 开发微信发件箱: on a machine without a WeChat Official Account, the template messages the platform would have sent,
 * newest first and refreshed every few seconds, under a warning that none of them reached anyone's WeChat.
 */
export function WechatOutboxPage() {
  const { t, lang } = useT();
  const load = useLoad(['admin', 'wechat-outbox'], 'all', fetchOutbox, { pollMs: 3000 });
  const outbox = loadedValue(load);
  const columns: TableColumnsType<WechatEntry> = [
    { key: 'at', title: t('wechatOutbox.at'), width: 170, render: (_, e) => chinaTime(e.at, lang) },
    {
      key: 'openid',
      title: t('wechatOutbox.openid'),
      width: 150,
      render: (_, e) => <span className="sz-mono">{e.openidMasked}</span>,
    },
    {
      key: 'template',
      title: t('wechatOutbox.template'),
      width: 90,
      render: (_, e) => <Tag color="green">{t(`wechatOutbox.${e.template}`)}</Tag>,
    },
    {
      key: 'text',
      title: t('wechatOutbox.text'),
      render: (_, e) => <span data-testid="wechat-text">{e.text}</span>,
    },
    {
      key: 'fields',
      title: t('wechatOutbox.fields'),
      width: 300,
      render: (_, e) => (
        <span className="sz-mono sz-admin-fields">
          {Object.entries(e.data)
            .map(([k, v]) => `${k}: ${v}`)
            .join(' · ')}
        </span>
      ),
    },
  ];
  return (
    <Layout.Content className="sz-admin" data-testid="admin-wechat-outbox">
      <AdminTabs current="admin-wechat-outbox" />
      <Typography.Title level={4} className="sz-admin-title">
        {t('wechatOutbox.title')}
      </Typography.Title>
      {outbox?.gateway === 'mp' ? (
        <Alert type="info" showIcon message={t('wechatOutbox.realGateway')} />
      ) : (
        <Alert type="warning" showIcon message={t('wechatOutbox.devWarning')} className="sz-admin-warning" />
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
          locale={{ emptyText: <EmptyState description={t('wechatOutbox.empty')} /> }}
        />
      )}
    </Layout.Content>
  );
}
