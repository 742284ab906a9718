import { Table, Tag } from 'antd';
import { useT } from '../../core/i18n';
import type { Person } from './api';
import { formatDate } from './registryText';

/** Each tag with why, since when and by whom, which the short tags elsewhere keep in a tooltip. */
export function PersonTagList({ tags }: { tags: Person['tags'] }) {
  const { t, code, lang } = useT();
  return (
    <Table<Person['tags'][number]>
      size="small"
      rowKey="tag"
      pagination={false}
      dataSource={tags}
      data-testid="person-tags"
      locale={{ emptyText: t('person.noTags') }}
      columns={[
        { key: 'tag', title: t('person.tags'), render: (_, row) => <Tag>{code('personTag', row.tag)}</Tag> },
        { key: 'detail', title: t('person.tagDetail'), render: (_, row) => row.detail ?? '—' },
        { key: 'setAt', title: t('person.tagSetAt'), render: (_, row) => formatDate(row.setAt, lang) },
        { key: 'setBy', title: t('person.tagSetBy'), render: (_, row) => row.setByName ?? t('person.tagSetBySystem') },
      ]}
    />
  );
}
