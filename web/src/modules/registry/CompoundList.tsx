import { Table } from 'antd';
import { useT } from '../../core/i18n';
import type { Compound } from './api';

interface Props {
  compounds: Compound[];
  loading: boolean;
  selected?: number;
  onSelect: (id: number) => void;
}

export function CompoundList({ compounds, loading, selected, onSelect }: Props) {
  const { t } = useT();
  return (
    <Table<Compound>
      size="small"
      rowKey="id"
      data-testid="compound-list"
      loading={loading}
      dataSource={compounds}
      pagination={{ pageSize: 8, hideOnSinglePage: true }}
      locale={{ emptyText: t('area.compoundsEmpty') }}
      rowClassName={(c) => (c.id === selected ? 'sz-row-selected' : 'sz-row')}
      onRow={(c) => ({ onClick: () => onSelect(c.id) })}
      columns={[
        { key: 'name', title: t('compound.name'), dataIndex: 'name' },
        {
          key: 'company',
          title: t('compound.propertyCompany'),
          render: (_, c) => c.propertyCompany ?? t('compound.noPropertyCompany'),
        },
        { key: 'buildings', title: t('summary.buildings'), dataIndex: 'buildings', align: 'right' },
        { key: 'households', title: t('summary.households'), dataIndex: 'households', align: 'right' },
        { key: 'people', title: t('summary.people'), dataIndex: 'people', align: 'right' },
      ]}
    />
  );
}
