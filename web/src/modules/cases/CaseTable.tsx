import { Table } from 'antd';
import { useT } from '../../core/i18n';
import { AreaName } from '../geo/useAreaNames';
import type { Case, Org } from './api';
import { DueAt, PriorityTag, StatusTag } from './CaseTags';
import { categoryName, formatTime } from './caseText';
import { SupervisionReason } from './SupervisionReason';

interface Props {
  items: Case[];
  loading: boolean;
  selected: number | null;
  onOpen: (id: number) => void;
  /** The supervision board: each case says why it is on it, with the departments that did not report in on time. */
  supervision?: { orgs: Org[] };
}

export function CaseTable({ items, loading, selected, onOpen, supervision }: Props) {
  const { t, lang } = useT();
  const why = supervision && {
    key: 'supervision',
    title: t('supervision.reason'),
    render: (_: unknown, c: Case) => <SupervisionReason item={c} orgs={supervision.orgs} />,
  };
  return (
    <Table<Case>
      size="middle"
      rowKey="id"
      data-testid="case-table"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('cases.empty') }}
      rowClassName={(c) => (c.id === selected ? 'sz-row-selected' : 'sz-row')}
      onRow={(c) => ({ onClick: () => onOpen(c.id) })}
      columns={[
        {
          key: 'number',
          title: t('cases.number'),
          dataIndex: 'number',
          render: (n: string) => <span className="sz-mono">{n}</span>,
        },
        { key: 'priority', title: t('cases.priority'), render: (_, c) => <PriorityTag priority={c.priority} /> },
        { key: 'category', title: t('cases.category'), render: (_, c) => categoryName(c.category, lang) },
        { key: 'status', title: t('cases.status'), render: (_, c) => <StatusTag status={c.status} /> },
        {
          key: 'grid',
          title: t('cases.grid'),
          dataIndex: 'gridCode',
          render: (g: string) => <AreaName code={g} />,
        },
        { key: 'reportedAt', title: t('cases.reportedAt'), render: (_, c) => formatTime(c.reportedAt, lang) },
        { key: 'dueAt', title: t('cases.dueAt'), render: (_, c) => <DueAt item={c} /> },
        ...(why ? [why] : []),
      ]}
    />
  );
}
