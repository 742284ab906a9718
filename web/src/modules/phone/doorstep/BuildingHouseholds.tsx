import { Empty, List, Tag } from 'antd-mobile';
import { useT } from '../../../core/i18n';
import { formatTime } from '../../cases/caseText';
import { USE_COLOUR, unitName } from './doorstepText';
import type { ShownBuilding, ShownHousehold } from './shownBook';

/** What the worker sees at a glance: visited, waiting on the phone, or refused and to be redone. */
export function HouseholdState({ household }: { household: ShownHousehold }) {
  const { t, code } = useT();
  return (
    <span className="sz-phone-tags">
      <Tag color={USE_COLOUR[household.use]} fill="outline">
        {code('householdUse', household.use)}
      </Tag>
      {household.waiting > 0 && (
        <Tag color="warning" data-testid="doorstep-waiting">
          {t('doorstep.waiting')}
        </Tag>
      )}
      {household.refused && (
        <Tag color="danger" data-testid="doorstep-refused">
          {t('doorstep.refused')}
        </Tag>
      )}
    </span>
  );
}

/** A building's units and their households; a household opens its residents and the visit form. */
export function BuildingHouseholds({ building, onOpen }: { building: ShownBuilding; onOpen: (id: number) => void }) {
  const { t, lang } = useT();
  if (building.units.length === 0) return <Empty description={t('doorstep.noHouseholds')} />;
  return (
    <>
      {building.units.map((unit) => (
        <List key={unit.id} header={unitName(unit.name, t)} mode="card" data-testid="doorstep-unit">
          {unit.households.map((h) => (
            <List.Item
              key={h.id}
              onClick={() => onOpen(h.id)}
              description={h.visitedAt ? t('doorstep.visitedAt', { time: formatTime(h.visitedAt, lang) }) : undefined}
              extra={<HouseholdState household={h} />}
              data-testid={`doorstep-household-${h.room}`}
            >
              <span className="sz-phone-room">{h.room}</span>
              {!h.visitedAt && <span className="sz-phone-muted"> · {t('doorstep.notVisited')}</span>}
            </List.Item>
          ))}
        </List>
      ))}
    </>
  );
}
