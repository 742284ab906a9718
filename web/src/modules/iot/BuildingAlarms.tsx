import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, List, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue } from '../../core/query';
import { SeverityTags, StatusTag } from './AlarmTags';
import { alarmTypeName } from './alarmText';
import type { Alarm, Catalogue } from './api';
import { useBuildingAlarms } from './useBuildingAlarms';
import { useFloorText } from './useFloorText';

interface Props {
  buildingId: number;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
  onClose: () => void;
}

/** The alarms of one building, over the map beside it; an alarm opens its drawer. */
export function BuildingAlarms({ buildingId, catalogue, onOpen, onClose }: Props) {
  const { t, lang } = useT();
  const floorText = useFloorText();
  const state = useBuildingAlarms(buildingId);
  const alarms = loadedValue(state);
  return (
    <Card
      size="small"
      className="sz-fire-building"
      data-testid="fire-building-alarms"
      title={alarms?.[0]?.address ?? t('iot.buildingAlarmsTitle')}
      extra={
        <Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('iot.closePanel')} />
      }
    >
      {state.status === 'failed' && (
        <LoadFailed message={t('iot.loadFailed', { message: state.message })} retry={state.retry} />
      )}
      <List<Alarm>
        size="small"
        loading={state.status === 'loading'}
        dataSource={alarms ?? []}
        locale={{ emptyText: t('iot.empty') }}
        renderItem={(a) => (
          <List.Item className="sz-fire-building-item" onClick={() => onOpen(a)} data-alarm-id={a.id}>
            <div>
              <SeverityTags alarm={a} />
              <div>
                {alarmTypeName(a, catalogue, lang)} · {floorText(a.floor)} ·{' '}
                <Typography.Text className="sz-mono">{a.deviceCode}</Typography.Text>
              </div>
              <StatusTag alarm={a} />
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
