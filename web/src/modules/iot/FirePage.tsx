import { Alert, Layout, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useT } from '../../core/i18n';
import { useInvalidate } from '../../core/query';
import { RegionSelect } from '../geo/RegionSelect';
import { AlarmDrawer } from './AlarmDrawer';
import type { Alarm } from './api';
import { BoardPanel } from './BoardPanel';
import { DevicesPanel } from './DevicesPanel';
import { HealthPanel } from './HealthPanel';
import { MapPanel } from './MapPanel';
import { SoundControl } from './SoundControl';
import { StatsPanel } from './StatsPanel';
import { useAlarmBoard } from './useAlarmBoard';
import { useAlarmDetail } from './useAlarmDetail';
import { useAlarmSound } from './useAlarmSound';
import { useCatalogue } from './useCatalogue';
import './iot.css';

type Tab = 'board' | 'map' | 'health' | 'devices' | 'stats';

/**
 * 智慧消防: the live alarm board with its sound, the same alarms on the map, device health, the devices themselves and
 * statistics. The board keeps polling whichever tab is open, so a new fire still sounds while someone looks at the
 * statistics.
 */
export function FirePage() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('board');
  const [regionCode, setRegionCode] = useState<string>();
  const [alarmId, setAlarmId] = useState<number | null>(null);
  const { catalogue, error: catalogueError } = useCatalogue();
  const board = useAlarmBoard(regionCode);
  const sound = useAlarmSound(board.alarms);
  const detail = useAlarmDetail(alarmId);
  const invalidate = useInvalidate();

  // Stable, as RegionSelect requires: it calls this again whenever it changes.
  const chooseRegion = useCallback((code: string | undefined) => {
    setAlarmId(null);
    setRegionCode(code);
  }, []);
  const { replace } = board;
  // the board shows the answer at once; the board, the open alarm and a building's alarms then ask again
  const changed = useCallback(
    (alarm: Alarm) => {
      replace(alarm);
      void invalidate(['iot']);
    },
    [replace, invalidate],
  );
  const open = useCallback((alarm: Alarm) => setAlarmId(alarm.id), []);

  const tabs: { key: Tab; label: string }[] = [
    { key: 'board', label: t('iot.tabBoard') },
    { key: 'map', label: t('iot.tabMap') },
    { key: 'health', label: t('iot.tabHealth') },
    { key: 'devices', label: t('iot.tabDevices') },
    { key: 'stats', label: t('iot.tabStats') },
  ];
  return (
    <Layout.Content className="sz-fire" data-testid="fire-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={tabs}
        data-testid="fire-tabs"
        tabBarExtraContent={
          <div className="sz-fire-bar">
            <RegionSelect value={regionCode} onChange={chooseRegion} testId="fire-region" className="sz-fire-region" />
            <SoundControl sound={sound} />
          </div>
        }
      />
      {catalogueError && (
        <Alert type="warning" showIcon title={t('iot.catalogueFailed', { message: catalogueError })} />
      )}
      {tab === 'board' && <BoardPanel board={board} catalogue={catalogue} onOpen={open} onChanged={changed} />}
      {tab === 'map' && <MapPanel regionCode={regionCode} board={board} catalogue={catalogue} onOpen={open} />}
      {tab === 'health' && <HealthPanel regionCode={regionCode} catalogue={catalogue} />}
      {tab === 'devices' && <DevicesPanel regionCode={regionCode} catalogue={catalogue} />}
      {tab === 'stats' && <StatsPanel regionCode={regionCode} />}
      <AlarmDrawer state={detail} catalogue={catalogue} onChanged={changed} onClose={() => setAlarmId(null)} />
    </Layout.Content>
  );
}
