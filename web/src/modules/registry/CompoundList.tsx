import { EditOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { useT } from '../../core/i18n';
import type { Compound } from './api';

interface Props {
  compounds: Compound[];
  loading: boolean;
  selected?: number;
  onSelect: (id: number) => void;
  /** Only for those who may edit a compound; without it there is no edit column. */
  onEdit?: (compound: Compound) => void;
}

export function CompoundList({ compounds, loading, selected, onSelect, onEdit }: Props) {
  const { t } = useT();
  const columns: TableColumnsType<Compound> = [
    { key: 'name', title: t('compound.name'), dataIndex: 'name' },
    {
      key: 'company',
      title: t('compound.propertyCompany'),
      render: (_, c) => c.propertyCompany ?? t('compound.noPropertyCompany'),
    },
    { key: 'buildings', title: t('summary.buildings'), dataIndex: 'buildings', align: 'right' },
    { key: 'households', title: t('summary.households'), dataIndex: 'households', align: 'right' },
    { key: 'people', title: t('summary.people'), dataIndex: 'people', align: 'right' },
  ];
  if (onEdit)
    columns.push({
      key: 'edit',
      width: 48,
      render: (_, c) => (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          title={t('compound.edit')}
          aria-label={t('compound.edit')}
          data-testid="compound-edit"
          onClick={(event) => {
            // the row's own click selects the compound on the map
            event.stopPropagation();
            onEdit(c);
          }}
        />
      ),
    });
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
      columns={columns}
    />
  );
}
