import { Table, type TableColumnsType, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { useT } from '../../core/i18n';
import { AlarmActions } from './AlarmActions';
import { SeverityTags, StatusTag } from './AlarmTags';
import { alarmTypeName, clockTime, confirmedFire, relativeTime } from './alarmText';
import type { Alarm, Catalogue } from './api';
import { useFloorText } from './useFloorText';

interface Props {
  alarms: Alarm[] | undefined;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
  onChanged: (alarm: Alarm) => void;
  testId: string;
}

/** Alarms in the server's order: unacknowledged first, then by severity. A row opens the alarm's drawer. */
export function AlarmTable({ alarms, catalogue, onOpen, onChanged, testId }: Props) {
  const { t, lang } = useT();
  const floorText = useFloorText();
  // the board re-renders with every poll, which keeps "3 minutes ago" current without a timer of its own
  const now = Date.now();
  const columns: TableColumnsType<Alarm> = [
    { key: 'severity', title: t('iot.colSeverity'), width: 170, render: (_, a) => <SeverityTags alarm={a} /> },
    {
      key: 'type',
      title: t('iot.colType'),
      render: (_, a) => (
        <>
          <div>{alarmTypeName(a, catalogue, lang)}</div>
          {a.repeats > 0 && (
            <Typography.Text type="secondary">{t('iot.repeats', { count: a.repeats })}</Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'place',
      title: t('iot.colPlace'),
      render: (_, a) => (
        <>
          <div>{a.address}</div>
          <Typography.Text type="secondary">{floorText(a.floor)}</Typography.Text>
        </>
      ),
    },
    { key: 'device', title: t('iot.colDevice'), render: (_, a) => <span className="sz-mono">{a.deviceCode}</span> },
    {
      key: 'raised',
      title: t('iot.colRaised'),
      width: 130,
      render: (_, a) => <span title={clockTime(a.raisedAt, lang)}>{relativeTime(a.raisedAt, lang, now)}</span>,
    },
    { key: 'status', title: t('iot.colStatus'), width: 200, render: (_, a) => <StatusTag alarm={a} /> },
    {
      key: 'actions',
      title: t('iot.colActions'),
      width: 290,
      render: (_, a) => <AlarmActions alarm={a} onChanged={onChanged} />,
    },
  ];
  return (
    <Table<Alarm>
      size="middle"
      rowKey="id"
      data-testid={testId}
      loading={alarms === undefined}
      columns={columns}
      dataSource={alarms ?? []}
      pagination={false}
      locale={{ emptyText: t('iot.empty') }}
      rowClassName={(a) =>
        confirmedFire(a)
          ? 'sz-row sz-fire-row--confirmed'
          : a.status === 'active_unack'
            ? 'sz-row sz-fire-row--new'
            : 'sz-row'
      }
      onRow={(a) => ({
        'data-alarm-id': a.id,
        // a modal's clicks reach the row through React's tree although it sits elsewhere in the page: only the row's own
        onClick: (e: MouseEvent<HTMLElement>) => e.currentTarget.contains(e.target as Node) && onOpen(a),
      })}
    />
  );
}
