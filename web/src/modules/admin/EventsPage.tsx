import { RedoOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Layout,
  Segmented,
  Statistic,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'wouter';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useInvalidate, usePagedLoad } from '../../core/query';
import { AdminTabs } from './AdminTabs';
import { chinaTime, subjectText } from './adminText';
import { type Delivery, type DeliveryStatus, fetchDeliveries, retryDelivery } from './api';
import './admin.css';

type Listed = Exclude<DeliveryStatus, 'delivered'>;

/** Dead letters by default, the ones needing a person; `?status=pending` (a shareable link) shows what waits. */
function useListed(): [Listed, (status: Listed) => void] {
  const [params, setParams] = useSearchParams();
  const status: Listed = params.get('status') === 'pending' ? 'pending' : 'dead';
  return [status, (next) => setParams(next === 'dead' ? {} : { status: next })];
}

function RetryButton({ delivery }: { delivery: Delivery }) {
  const { t } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  async function retry() {
    setBusy(true);
    try {
      await retryDelivery(delivery.eventId, delivery.subscriber);
      void message.success(t('events.retried', { id: delivery.eventId }));
      await invalidate(['admin', 'deliveries']);
    } catch (err) {
      void message.error(t('events.retryFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<RedoOutlined />} loading={busy} onClick={retry} data-testid="events-retry">
      {t('events.retry')}
    </Button>
  );
}

/** 事件投递: what the event relay has still to deliver and what it gave up on, with a way to send those back. */
export function EventsPage() {
  const tr = useT();
  const { t, code, lang } = tr;
  const [status, setStatus] = useListed();
  const { load, more, loadingMore } = usePagedLoad(['admin', 'deliveries'], status, fetchDeliveries);
  const pages = loadedValue(load);
  const rows = pages?.flatMap((p) => p.items) ?? [];
  const counts = pages?.[0]?.counts;

  const columns: TableColumnsType<Delivery> = [
    { key: 'eventId', title: t('events.eventId'), width: 90, render: (_, d) => d.eventId },
    {
      key: 'type',
      title: t('events.type'),
      width: 150,
      render: (_, d) => <Tooltip title={d.type}>{code('eventType', d.type)}</Tooltip>,
    },
    { key: 'aggregate', title: t('events.aggregate'), width: 110, render: (_, d) => subjectText(d.aggregate, tr) },
    {
      key: 'subscriber',
      title: t('events.subscriber'),
      width: 150,
      render: (_, d) => <Tooltip title={d.subscriber}>{code('subscriber', d.subscriber)}</Tooltip>,
    },
    { key: 'attempts', title: t('events.attempts'), width: 90, align: 'right', render: (_, d) => d.attempts },
    {
      key: 'lastError',
      title: t('events.lastError'),
      ellipsis: { showTitle: false },
      render: (_, d) => (
        <Tooltip title={d.lastError}>
          <Typography.Text type="danger" className="sz-mono">
            {d.lastError ?? '—'}
          </Typography.Text>
        </Tooltip>
      ),
    },
    { key: 'at', title: t('events.at'), width: 170, render: (_, d) => chinaTime(d.at, lang) },
    status === 'dead'
      ? { key: 'retry', width: 120, render: (_, d) => <RetryButton delivery={d} /> }
      : { key: 'nextAt', title: t('events.nextAt'), width: 170, render: (_, d) => chinaTime(d.nextAt, lang) },
  ];

  const count = (key: DeliveryStatus, tone?: 'danger' | 'warning') => (
    <Card size="small" className="sz-admin-count" data-testid={`events-count-${key}`}>
      <Statistic
        title={t(`events.${key}`)}
        value={counts?.[key] ?? '—'}
        loading={!counts}
        className={counts?.[key] && tone ? `sz-admin-count-${tone}` : undefined}
      />
    </Card>
  );

  return (
    <Layout.Content className="sz-admin" data-testid="admin-events">
      <AdminTabs current="admin-events" />
      <div className="sz-admin-bar">
        <Typography.Title level={4} className="sz-admin-title">
          {t('events.title')}
        </Typography.Title>
      </div>
      <div className="sz-admin-counts">
        {count('pending', 'warning')}
        {count('delivered')}
        {count('dead', 'danger')}
      </div>
      <Typography.Paragraph type="secondary">{t('events.hint')}</Typography.Paragraph>
      <Segmented<Listed>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'dead', label: t('events.dead') },
          { value: 'pending', label: t('events.pending') },
        ]}
        className="sz-admin-switch"
        data-testid="events-status"
      />
      {load.status === 'failed' ? (
        <LoadFailed message={t('events.loadFailed', { message: load.message })} retry={load.retry} />
      ) : (
        <Table<Delivery>
          rowKey={(d) => `${d.eventId}:${d.subscriber}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={load.status === 'loading'}
          pagination={false}
          locale={{
            emptyText: <EmptyState description={t(status === 'dead' ? 'events.emptyDead' : 'events.emptyPending')} />,
          }}
          data-testid="events-table"
        />
      )}
      {more && (
        <div className="sz-admin-more">
          <Button onClick={more} loading={loadingMore} data-testid="events-more">
            {t('audit.more')}
          </Button>
        </div>
      )}
    </Layout.Content>
  );
}
