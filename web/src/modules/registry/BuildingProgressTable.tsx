import { Progress, Table } from 'antd';
import { useT } from '../../core/i18n';
import type { BuildingListItem } from './api';

interface Props {
  buildings: BuildingListItem[];
  loading: boolean;
  emptyText: string;
  onOpen: (id: number) => void;
}

/** 走访进度: how many of each building's households have had a doorstep visit; the least visited are easy to sort up. */
export function BuildingProgressTable({ buildings, loading, emptyText, onOpen }: Props) {
  const { t } = useT();
  const share = (b: BuildingListItem) => (b.households === 0 ? 0 : b.visited / b.households);
  return (
    <Table<BuildingListItem>
      size="small"
      rowKey="id"
      data-testid="area-buildings"
      className="sz-area-buildings"
      loading={loading}
      dataSource={buildings}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText }}
      rowClassName="sz-row"
      onRow={(b) => ({ onClick: () => onOpen(b.id) })}
      columns={[
        { key: 'name', title: t('area.building'), dataIndex: 'name' },
        { key: 'address', title: t('building.address'), dataIndex: 'address', ellipsis: true },
        { key: 'compound', title: t('building.compound'), render: (_, b) => b.compound ?? '—' },
        { key: 'floors', title: t('building.floors'), dataIndex: 'floors', align: 'right', width: 80 },
        { key: 'households', title: t('building.households'), dataIndex: 'households', align: 'right', width: 80 },
        {
          key: 'progress',
          title: t('area.visitProgress'),
          width: 240,
          sorter: (a, b) => share(a) - share(b),
          render: (_, b) => (
            <Progress
              size="small"
              percent={Math.round(share(b) * 100)}
              format={() => `${b.visited}/${b.households}`}
              data-testid="visit-progress"
            />
          ),
        },
      ]}
    />
  );
}
