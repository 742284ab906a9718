import { Typography } from 'antd';
import { useT } from '../../core/i18n';
import { SEVERITY_COLOUR } from './alarmText';
import { type AlarmPoints, SEVERITIES } from './api';

/** What the circle colours mean, and how many buildings have alarms: the count a glance at the canvas cannot give. */
export function MapLegend({ points }: { points: AlarmPoints | undefined }) {
  const { t, code } = useT();
  const buildings = points?.features ?? [];
  const confirmed = buildings.filter((f) => f.properties.confirmed).length;
  return (
    <div className="sz-legend sz-fire-legend" data-testid="fire-legend">
      <Typography.Text strong data-testid="fire-map-count" data-buildings={buildings.length} data-confirmed={confirmed}>
        {t('iot.buildingsWithAlarms', { count: buildings.length, confirmed })}
      </Typography.Text>
      <ul>
        <li>
          <span className="sz-legend-dot sz-fire-legend-confirmed" />
          {t('iot.confirmedFire')}
        </li>
        {SEVERITIES.map((s) => (
          <li key={s}>
            <span className="sz-legend-dot" style={{ background: SEVERITY_COLOUR[s] }} />
            {code('alarmSeverity', s)}
          </li>
        ))}
      </ul>
    </div>
  );
}
