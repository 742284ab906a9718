import { ArrowRightOutlined } from '@ant-design/icons';
import { Table } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, useLoad } from '../../core/query';
import { fetchVisits, type Visit } from './api';
import { HouseholdUseTag } from './HouseholdUseTag';
import { formatDateTime } from './registryText';

/** The doorstep visits to one household, newest first as the server lists them. */
export function HouseholdVisits({ householdId }: { householdId: number }) {
  const { t, lang } = useT();
  const state = useLoad(['registry', 'visits'], householdId, fetchVisits);
  if (state.status === 'failed') return <LoadFailed type="warning" message={state.message} retry={state.retry} />;
  return (
    <Table<Visit>
      size="small"
      rowKey="id"
      data-testid="household-visits"
      className="sz-visits"
      loading={state.status === 'loading'}
      dataSource={state.status === 'ready' ? state.value : []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('person.noVisits') }}
      columns={[
        { key: 'recordedAt', title: t('visit.recordedAt'), render: (_, v) => formatDateTime(v.recordedAt, lang) },
        { key: 'actor', title: t('visit.actor'), dataIndex: 'actorName' },
        {
          key: 'use',
          title: t('visit.use'),
          render: (_, v) =>
            v.useBefore === v.useAfter ? (
              <HouseholdUseTag use={v.useAfter} />
            ) : (
              <span className="sz-use-change">
                <HouseholdUseTag use={v.useBefore} />
                <ArrowRightOutlined />
                <HouseholdUseTag use={v.useAfter} />
              </span>
            ),
        },
        { key: 'note', title: t('visit.note'), className: 'sz-visit-note', render: (_, v) => v.note ?? '—' },
        { key: 'movedOut', title: t('visit.movedOut'), align: 'right', render: (_, v) => v.movedOut.length },
        { key: 'movedIn', title: t('visit.movedIn'), align: 'right', render: (_, v) => v.movedIn.length },
      ]}
    />
  );
}
