import { FireFilled } from '@ant-design/icons';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { AlarmTable } from './AlarmTable';
import { clockTime, relativeTime, SEVERITY_COLOUR } from './alarmText';
import type { Alarm, Catalogue, Incident } from './api';

interface Props {
  incidents: Incident[] | undefined;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
  onChanged: (alarm: Alarm) => void;
}

const STATE_COLOUR: Record<Incident['state'], string> = {
  unacknowledged: 'red',
  acknowledged: 'orange',
  confirmed: '#820014',
  closed: 'default',
};

/** A fire someone must still act on shows its alarms and their actions without a click; the rest are one line. */
const openByDefault = (i: Incident) => i.state === 'unacknowledged' || i.state === 'confirmed';

/**
 * 火情: one row per fire (a building's or a venue's alarms within the window), unacknowledged first, in its live
 * state; a row opens onto its alarms, each with its own actions.
 */
export function IncidentTable({ incidents, catalogue, onOpen, onChanged }: Props) {
  const { t, code, lang } = useT();
  const now = Date.now();
  // the rows a person opened or closed against their default, kept across polls
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  const expanded = (incidents ?? []).filter((i) => openByDefault(i) !== toggled.has(i.id)).map((i) => i.id);
  const toggle = (id: number) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columns: TableColumnsType<Incident> = [
    {
      key: 'state',
      title: t('iot.colIncidentState'),
      width: 190,
      render: (_, i) => (
        <span className="sz-fire-tags">
          <Tag
            variant={i.state === 'confirmed' ? 'solid' : undefined}
            color={STATE_COLOUR[i.state]}
            icon={i.state === 'confirmed' ? <FireFilled /> : undefined}
            data-testid="incident-state"
            data-state={i.state}
          >
            {t(`iot.incident.${i.state}`)}
          </Tag>
          <Tag variant="solid" color={SEVERITY_COLOUR[i.severity]}>
            {code('alarmSeverity', i.severity)}
          </Tag>
        </span>
      ),
    },
    {
      key: 'place',
      title: t('iot.colPlace'),
      render: (_, i) => (
        <>
          <div>{i.address}</div>
          {i.floors.length > 0 && (
            <Typography.Text type="secondary">
              {t('iot.incidentFloors', { floors: i.floors.join('、') })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'alarms',
      title: t('iot.colIncidentAlarms'),
      width: 110,
      render: (_, i) => t('iot.incidentAlarms', { count: i.alarms.length }),
    },
    {
      key: 'opened',
      title: t('iot.colRaised'),
      width: 130,
      render: (_, i) => <span title={clockTime(i.openedAt, lang)}>{relativeTime(i.openedAt, lang, now)}</span>,
    },
    {
      key: 'handover',
      title: t('iot.colHandover'),
      width: 220,
      render: (_, i) => (
        <span className="sz-fire-tags">
          {i.fire119At && (
            <Tag color="red" data-testid="incident-119" title={clockTime(i.fire119At, lang)}>
              {t('iot.incident119')}
            </Tag>
          )}
          {i.caseId !== null && <Tag color="blue">{t('iot.incidentCase', { id: i.caseId })}</Tag>}
        </span>
      ),
    },
  ];
  return (
    <Table<Incident>
      size="middle"
      rowKey="id"
      data-testid="fire-incidents"
      loading={incidents === undefined}
      columns={columns}
      dataSource={incidents ?? []}
      pagination={false}
      locale={{ emptyText: t('iot.noIncidents') }}
      rowClassName={(i) =>
        i.state === 'confirmed'
          ? 'sz-row sz-fire-row--confirmed'
          : i.state === 'unacknowledged'
            ? 'sz-row sz-fire-row--new'
            : 'sz-row'
      }
      onRow={(i) => ({ 'data-incident-id': i.id }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandRowByClick: true,
        expandedRowKeys: expanded,
        onExpand: (_, i) => toggle(i.id),
        expandedRowRender: (i) => (
          <AlarmTable
            alarms={i.alarms}
            catalogue={catalogue}
            onOpen={onOpen}
            onChanged={onChanged}
            testId={`incident-${i.id}-alarms`}
          />
        ),
      }}
    />
  );
}
