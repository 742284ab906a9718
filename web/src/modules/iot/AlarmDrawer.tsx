import { Button, Descriptions, Drawer, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { type Load, LoadFailed } from '../../core/query';
import { CaseDrawer } from '../cases/CaseDrawer';
import { useCaseDetail } from '../cases/useCaseDetail';
import { useOrgs } from '../cases/useOrgs';
import { AreaName } from '../geo/useAreaNames';
import { AlarmActions } from './AlarmActions';
import { SeverityTags, StatusTag } from './AlarmTags';
import { alarmTypeName, clockTime, nameIn } from './alarmText';
import type { Alarm, AlarmDetail, Catalogue } from './api';
import { EscalationTimeline } from './EscalationTimeline';
import { useFloorText } from './useFloorText';

/** The reading behind the alarm, its names in the reader's language: `读数 72 · 阈值 54`. */
function valueText(value: Record<string, unknown>, name: (key: string) => string): string {
  return Object.entries(value)
    .map(([key, v]) => `${name(key)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

function AlarmBody({
  detail,
  catalogue,
  onChanged,
  onOpenCase,
}: {
  detail: AlarmDetail;
  catalogue: Catalogue | undefined;
  onChanged: (alarm: Alarm) => void;
  onOpenCase: (id: number) => void;
}) {
  const { t, code, lang } = useT();
  const floorText = useFloorText();
  const a = detail.alarm;
  const times: [string, string | null][] = [
    [t('iot.raisedAt'), a.raisedAt],
    [t('iot.lastAt'), a.lastAt],
    [t('iot.acknowledgedAt'), a.acknowledgedAt],
    [t('iot.arrivedAt'), a.arrivedAt],
    [t('iot.clearedAt'), a.clearedAt],
    [t('iot.closedAt'), a.closedAt],
  ];
  return (
    <>
      <div className="sz-fire-drawer-head">
        <SeverityTags alarm={a} />
        <StatusTag alarm={a} />
      </div>
      <AlarmActions alarm={a} onChanged={onChanged} />
      <Descriptions column={1} size="small" bordered className="sz-fire-facts" data-testid="fire-facts">
        <Descriptions.Item label={t('iot.colPlace')}>
          {a.address} {floorText(a.floor)}
        </Descriptions.Item>
        <Descriptions.Item label={t('iot.device')}>
          <span className="sz-mono">{a.deviceCode}</span> ·{' '}
          {nameIn(catalogue?.deviceKinds[a.deviceKind], lang, a.deviceKind)}
        </Descriptions.Item>
        <Descriptions.Item label={t('iot.owner')}>{a.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('iot.grid')}>
          <AreaName code={a.gridCode} />
        </Descriptions.Item>
        <Descriptions.Item label={t('iot.telemetry')}>
          <span data-testid="fire-telemetry">
            {valueText(a.value, (key) => code('iotReading', key)) || t('iot.noTelemetry')}
          </span>
        </Descriptions.Item>
        {times.map(
          ([label, at]) =>
            at && (
              <Descriptions.Item key={label} label={label}>
                {clockTime(at, lang)}
              </Descriptions.Item>
            ),
        )}
        {a.classification && (
          <Descriptions.Item label={t('iot.classification')}>{code('alarmClass', a.classification)}</Descriptions.Item>
        )}
        {a.note && <Descriptions.Item label={t('iot.note')}>{a.note}</Descriptions.Item>}
        <Descriptions.Item label={t('iot.case')}>
          {a.caseId === null ? (
            t('iot.noCase')
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => onOpenCase(a.caseId as number)}
              data-testid="fire-case-link"
            >
              {t('iot.openCase')}
            </Button>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} className="sz-section-title">
        {t('iot.escalations')}
      </Typography.Title>
      <EscalationTimeline escalations={detail.escalations} />
    </>
  );
}

interface Props {
  state: Load<AlarmDetail>;
  catalogue: Catalogue | undefined;
  onChanged: (alarm: Alarm) => void;
  onClose: () => void;
}

/** One alarm: where, which device, what it read, the actions, whom the chain reached and the case it opened. */
export function AlarmDrawer({ state, catalogue, onChanged, onClose }: Props) {
  const { t, lang } = useT();
  const [caseId, setCaseId] = useState<number | null>(null);
  const [caseDetail, replaceCase] = useCaseDetail(caseId);
  const orgs = useOrgs();
  const title = state.status === 'ready' ? alarmTypeName(state.value.alarm, catalogue, lang) : t('iot.drawerTitle');
  return (
    <Drawer open={state.status !== 'none'} onClose={onClose} title={title} size={520} data-testid="fire-drawer">
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && <LoadFailed message={state.message} retry={state.retry} />}
      {state.status === 'ready' && (
        <AlarmBody detail={state.value} catalogue={catalogue} onChanged={onChanged} onOpenCase={setCaseId} />
      )}
      <CaseDrawer state={caseDetail} orgs={orgs} onChanged={replaceCase} onClose={() => setCaseId(null)} />
    </Drawer>
  );
}
