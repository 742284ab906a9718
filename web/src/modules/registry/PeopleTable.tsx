import { Table } from 'antd';
import { useT } from '../../core/i18n';
import { AreaName } from '../geo/useAreaNames';
import type { Person } from './api';
import { PersonTags } from './PersonTags';

interface Props {
  items: Person[];
  loading: boolean;
  onOpen: (person: Person) => void;
}

/** Only masked ID numbers and phones ever reach the list. */
export function PeopleTable({ items, loading, onOpen }: Props) {
  const { t, code } = useT();
  const mono = (value: string | null) => <span className="sz-mono">{value ?? '—'}</span>;
  return (
    <Table<Person>
      size="middle"
      rowKey="id"
      data-testid="people-table"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('people.empty') }}
      rowClassName="sz-row"
      onRow={(person) => ({ onClick: () => onOpen(person) })}
      columns={[
        { key: 'name', title: t('people.name'), dataIndex: 'name' },
        { key: 'sex', title: t('people.sex'), render: (_, p) => code('sex', p.sex) },
        { key: 'birthDate', title: t('people.birthDate'), dataIndex: 'birthDate' },
        { key: 'idNumber', title: t('people.idNumber'), render: (_, p) => mono(p.idNumberMasked) },
        { key: 'phone', title: t('people.phone'), render: (_, p) => mono(p.phoneMasked) },
        {
          key: 'residence',
          title: t('people.residence'),
          render: (_, p) => t(p.registered ? 'people.registered' : 'people.floating'),
        },
        { key: 'tags', title: t('people.tag'), render: (_, p) => <PersonTags tags={p.tags} /> },
        { key: 'grid', title: t('people.grid'), render: (_, p) => <AreaName code={p.gridCode} /> },
      ]}
    />
  );
}
