import { PlusOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Table, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'wouter';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useInvalidate, useLoad } from '../../core/query';
import { AdminTabs } from './AdminTabs';
import { fetchManagedOrgs, type ManagedOrg, type OrgKind } from './api';
import { NewOrgModal } from './NewOrgModal';
import { OrgDrawer } from './OrgDrawer';
import './admin.css';

export const ORGS = ['identity', 'orgs'] as const;

/** The kinds in the order a district reads them: the teams that go out first, then the departments. */
export const ORG_KIND_ORDER: OrgKind[] = [
  'rapid_response_team',
  'department',
  'fire_service_centre',
  'property_company',
  'social_organisation',
];

/**
 * 组织与队伍: the departments, rapid-response teams, fire service centres … serving a region inside the
 * administrator's scope, by kind, with how many act for each and how many are on duty now; one opens onto its members.
 */
export function OrgsPage() {
  const { t, code } = useT();
  const invalidate = useInvalidate();
  const [params, setParams] = useSearchParams();
  const load = useLoad(ORGS, 'managed', fetchManagedOrgs);
  const orgs = loadedValue(load);
  const kinds = ORG_KIND_ORDER.filter((k) => orgs?.some((o) => o.kind === k));
  const kind = (params.get('kind') as OrgKind | null) ?? kinds[0];
  const open = params.get('org') ?? undefined;
  const [creating, setCreating] = useState(false);

  const setQuery = (next: { kind?: OrgKind; org?: string }) => {
    const p = new URLSearchParams();
    if (next.kind) p.set('kind', next.kind);
    if (next.org) p.set('org', next.org);
    setParams(p);
  };

  const columns: TableColumnsType<ManagedOrg> = [
    {
      key: 'name',
      title: t('orgs.name'),
      render: (_, o) => (
        <Button
          type="link"
          className="sz-orgs-name"
          onClick={() => setQuery({ kind, org: o.code })}
          data-testid="orgs-open"
        >
          {o.name}
        </Button>
      ),
    },
    {
      key: 'code',
      title: t('orgs.code'),
      width: 240,
      render: (_, o) => <span className="sz-mono">{o.code}</span>,
    },
    { key: 'region', title: t('orgs.region'), width: 160, render: (_, o) => o.regionName ?? o.regionCode },
    {
      key: 'members',
      title: t('orgs.members'),
      width: 110,
      align: 'right',
      render: (_, o) => <span data-testid="orgs-member-count">{o.members}</span>,
    },
    {
      key: 'employment',
      title: t('orgs.fullPart'),
      width: 130,
      align: 'right',
      render: (_, o) => t('orgs.fullPartValue', { full: o.fullTime, part: o.partTime }),
    },
    {
      key: 'onDuty',
      title: t('orgs.onDutyNow'),
      width: 120,
      render: (_, o) =>
        o.onDuty > 0 ? (
          <Tag color="green" data-testid="orgs-on-duty-count">
            {t('orgs.onDutyCount', { count: o.onDuty })}
          </Tag>
        ) : (
          <Tooltip title={t('orgs.nobodyOnDutyHint')}>
            <Typography.Text type="secondary" data-testid="orgs-on-duty-count">
              {t('orgs.nobodyOnDuty')}
            </Typography.Text>
          </Tooltip>
        ),
    },
  ];
  if (kind === 'department')
    columns.push({
      key: 'services',
      title: t('orgs.services'),
      width: 200,
      render: (_, o) =>
        o.services.length ? (
          <Tooltip title={o.services.join('、')}>
            <span>{t('orgs.serviceCount', { count: o.services.length })}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    });

  return (
    <Layout.Content className="sz-admin" data-testid="admin-orgs">
      <AdminTabs current="admin-orgs" />
      <div className="sz-admin-bar">
        <Typography.Title level={4} className="sz-admin-title">
          {t('orgs.title')}
          {orgs && (
            <Typography.Text type="secondary" className="sz-admin-total">
              {t('orgs.total', { total: orgs.length })}
            </Typography.Text>
          )}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="orgs-new">
          {t('orgs.new')}
        </Button>
      </div>
      {load.status === 'failed' ? (
        <LoadFailed message={t('orgs.loadFailed', { message: load.message })} retry={load.retry} />
      ) : (
        <>
          <Tabs
            activeKey={kind}
            onChange={(k) => setQuery({ kind: k as OrgKind })}
            items={kinds.map((k) => ({
              key: k,
              label: (
                <Space size={6}>
                  {code('orgKind', k)}
                  <Tag bordered={false}>{orgs?.filter((o) => o.kind === k).length}</Tag>
                </Space>
              ),
            }))}
            data-testid="orgs-kinds"
          />
          <Table<ManagedOrg>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={orgs?.filter((o) => o.kind === kind)}
            loading={load.status === 'loading'}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <EmptyState description={t('orgs.empty')} /> }}
            data-testid="orgs-table"
          />
        </>
      )}
      {open && (
        <OrgDrawer
          key={open}
          code={open}
          onClose={() => setQuery({ kind })}
          onChanged={() => void invalidate([...ORGS])}
        />
      )}
      {creating && (
        <NewOrgModal
          onClose={() => setCreating(false)}
          onCreated={(org) => {
            setCreating(false);
            void invalidate([...ORGS]);
            setQuery({ kind: org.kind as OrgKind, org: org.code });
          }}
        />
      )}
    </Layout.Content>
  );
}
