import { Table, Tag, Typography } from 'antd';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { useInvalidate } from '../../core/query';
import { type Person, type PersonTag, untagPerson } from './api';
import { ReasonButton } from './ReasonButton';
import { formatDate } from './registryText';

/** Age tags follow from the ID number: nobody sets or removes them by hand. */
export const DERIVED_TAGS: readonly PersonTag[] = ['elderly', 'minor'];

/** Each tag with why, since when and by whom, which the short tags elsewhere keep in a tooltip. */
export function PersonTagList({ personId, tags }: { personId: number; tags: Person['tags'] }) {
  const { t, code, lang } = useT();
  const mayEdit = useAbility('registry.record');
  const invalidate = useInvalidate();
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
        ...(mayEdit
          ? [
              {
                key: 'remove',
                title: '',
                render: (_: unknown, row: Person['tags'][number]) =>
                  DERIVED_TAGS.includes(row.tag as PersonTag) ? (
                    <Typography.Text type="secondary">{t('person.tagDerived')}</Typography.Text>
                  ) : (
                    <ReasonButton
                      button={{ type: 'link', size: 'small' }}
                      buttonLabel={t('person.untag')}
                      buttonTestId={`untag-${row.tag}`}
                      title={t('person.untagTitle', { tag: code('personTag', row.tag) })}
                      okText={t('person.untag')}
                      label={t('person.tagReason')}
                      hint={t('person.tagReasonHint')}
                      requiredMessage={t('person.tagReasonRequired')}
                      testId="untag"
                      onSubmit={async (reason) => {
                        await untagPerson(personId, row.tag as PersonTag, reason);
                        await invalidate(['registry', 'person']);
                      }}
                    />
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
