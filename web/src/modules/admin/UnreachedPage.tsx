import { Layout, Table, type TableColumnsType, Typography } from 'antd';
import { api } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useLoad } from '../../core/query';
import { AdminTabs } from './AdminTabs';
import { chinaTime, subjectText } from './adminText';
import './admin.css';

interface Step {
  id: number;
  at: string;
  subject: string;
  step: string;
  targetName: string;
  recipients: number;
  raisedToName: string | null;
}

const fetchUnreached = () => api<{ items: Step[] }>('GET', '/api/notify/steps?unreached=true&limit=200');

/**
 * Steps of a case or an alarm whose target had nobody to tell: errors, in red, each with where it was raised to —
 * so the missing grid worker, team member or department account gets set up, never left unnoticed.
 */
export function UnreachedPage() {
  const tr = useT();
  const { t, lang } = tr;
  const load = useLoad(['notify', 'steps', 'unreached'], 'all', fetchUnreached, { pollMs: 10_000 });
  const rows = loadedValue(load)?.items ?? [];
  const columns: TableColumnsType<Step> = [
    { key: 'at', title: t('unreached.at'), width: 170, render: (_, s) => chinaTime(s.at, lang) },
    { key: 'subject', title: t('unreached.subject'), width: 140, render: (_, s) => subjectText(s.subject, tr) },
    { key: 'step', title: t('unreached.step'), width: 160, render: (_, s) => t(stepKey(s.step)) },
    {
      key: 'target',
      title: t('unreached.target'),
      render: (_, s) => (
        <Typography.Text type="danger" strong data-testid="unreached-target">
          {t('unreached.nobody', { target: s.targetName })}
        </Typography.Text>
      ),
    },
    {
      key: 'raised',
      title: t('unreached.raisedTo'),
      render: (_, s) =>
        s.raisedToName ? s.raisedToName : <Typography.Text type="danger">{t('unreached.nowhere')}</Typography.Text>,
    },
  ];
  return (
    <Layout.Content className="sz-admin" data-testid="admin-unreached">
      <AdminTabs current="admin-unreached" />
      <Typography.Title level={4} className="sz-admin-title">
        {t('unreached.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('unreached.hint')}</Typography.Paragraph>
      {load.status === 'failed' ? (
        <LoadFailed message={load.message} retry={load.retry} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={load.status === 'loading'}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('unreached.empty')} /> }}
        />
      )}
    </Layout.Content>
  );
}

const STEPS = [
  'new_report',
  'dispatched',
  'whistled',
  'verify',
  'rework',
  'escalated',
  'report_in_missed',
  'returned',
  'fire_centre',
  'command_centre',
  'rapid_response',
  'grid_worker',
  'street_duty',
] as const;

function stepKey(step: string) {
  return `unreachedStep.${(STEPS as readonly string[]).includes(step) ? step : 'new_report'}` as `unreachedStep.${(typeof STEPS)[number]}`;
}
