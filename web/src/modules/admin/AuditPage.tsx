import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Layout, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'wouter';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, usePagedLoad } from '../../core/query';
import { useAreaNames } from '../geo/useAreaNames';
import { AdminTabs } from './AdminTabs';
import { AuditFilters } from './AuditFilters';
import { chinaTime, detailAreaCodes, detailText, subjectText } from './adminText';
import { AUDIT_FILTER_KEYS, type AuditEntry, type AuditFilter, downloadAudit, fetchAudit } from './api';
import './admin.css';

/** The filters the URL carries, so a link to a filtered trail shows the same rows to whoever opens it. */
function useAuditFilter(): [AuditFilter, (filter: AuditFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  const setFilter = (next: AuditFilter) => {
    const entries = AUDIT_FILTER_KEYS.flatMap((key) => (next[key] ? [[key, next[key]]] : []));
    setParams(new URLSearchParams(entries));
  };
  return [filter, setFilter];
}

function ExportButton({ filter }: { filter: AuditFilter }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function exportAudit() {
    setBusy(true);
    try {
      await downloadAudit(filter);
    } catch (err) {
      void message.error(t('audit.exportFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Tooltip title={t('audit.exportHint')}>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={exportAudit} data-testid="audit-export">
        {t('audit.export')}
      </Button>
    </Tooltip>
  );
}

/** 审计日志: who did what to what, when and from where, newest first, a page at a time. */
export function AuditPage() {
  const tr = useT();
  const { t, code, lang } = tr;
  const [filter, setFilter] = useAuditFilter();
  const { load, more, loadingMore } = usePagedLoad(['admin', 'audit'], filter, fetchAudit);
  const pages = loadedValue(load);
  const rows = pages?.flatMap((p) => p.items) ?? [];
  const total = pages?.[0]?.total ?? 0;
  const areaNames = useAreaNames([...new Set(rows.flatMap((e) => detailAreaCodes(e.detail)))]);
  const areaName = (code: string) => areaNames[code] ?? code;

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, e) => chinaTime(e.at, lang) },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: 130,
      render: (_, e) => (e.actorDisplayName ? `${e.actorDisplayName}（${e.actorName}）` : (e.actorName ?? '—')),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 170,
      render: (_, e) => (
        <Tooltip title={e.action}>
          <span data-testid="audit-action-label">{code('auditAction', e.action)}</span>
        </Tooltip>
      ),
    },
    { key: 'subject', title: t('audit.subject'), width: 150, render: (_, e) => subjectText(e.subject, tr) },
    { key: 'detail', title: t('audit.detail'), render: (_, e) => detailText(e.detail, tr, areaName) },
    { key: 'ip', title: t('audit.ip'), width: 130, className: 'sz-mono', render: (_, e) => e.ip },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      width: 120,
      ellipsis: true,
      className: 'sz-mono',
      render: (_, e) => e.requestId,
    },
  ];

  return (
    <Layout.Content className="sz-admin" data-testid="admin-audit">
      <AdminTabs current="admin-audit" />
      <div className="sz-admin-bar">
        <Typography.Title level={4} className="sz-admin-title">
          {t('audit.title')}
          {pages && (
            <Typography.Text type="secondary" className="sz-admin-total" data-testid="audit-total">
              {t('audit.total', { total })}
            </Typography.Text>
          )}
        </Typography.Title>
        <ExportButton filter={filter} />
      </div>
      <AuditFilters key={JSON.stringify(filter)} filter={filter} onSearch={setFilter} />
      {load.status === 'failed' ? (
        <LoadFailed message={t('audit.loadFailed', { message: load.message })} retry={load.retry} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={load.status === 'loading'}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
          data-testid="audit-table"
        />
      )}
      {pages && rows.length > 0 && (
        <div className="sz-admin-more">
          <Typography.Text type="secondary">{t('audit.shown', { shown: rows.length, total })}</Typography.Text>
          {more && (
            <Button onClick={more} loading={loadingMore} data-testid="audit-more">
              {t('audit.more')}
            </Button>
          )}
        </div>
      )}
    </Layout.Content>
  );
}
