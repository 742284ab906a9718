import { Button, Descriptions, Skeleton, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, useLoad } from '../../core/query';
import { fetchBuildingUnits, type Person } from './api';
import { HouseholdUseTag } from './HouseholdUseTag';
import { ResidentLine } from './ResidentLine';
import { unitLabel } from './registryText';

type Home = NonNullable<Person['household']>;

export function HouseholdFacts({ home, onOpenBuilding }: { home: Home; onOpenBuilding: () => void }) {
  const { t } = useT();
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      data-testid="person-household"
      styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
      items={[
        {
          key: 'address',
          label: t('building.address'),
          children: (
            <Button type="link" className="sz-inline-link" onClick={onOpenBuilding} data-testid="open-building">
              {home.address}
            </Button>
          ),
        },
        { key: 'unit', label: t('person.unit'), children: unitLabel(home.unit, t) },
        { key: 'room', label: t('person.room'), children: home.room },
        { key: 'use', label: t('person.use'), children: <HouseholdUseTag use={home.use} /> },
      ]}
    />
  );
}

/** The others registered in the same household, found in their building's household list. */
export function HouseholdMembers({ home, personId }: { home: Home; personId: number }) {
  const { t } = useT();
  const state = useLoad(['registry', 'units'], home.buildingId, fetchBuildingUnits);
  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 2 }} />;
  if (state.status === 'failed')
    return <LoadFailed type="warning" message={t('units.failed', { message: state.message })} retry={state.retry} />;
  if (state.status !== 'ready') return null;
  const household = state.value.flatMap((unit) => unit.households).find((h) => h.id === home.id);
  const others = household?.residents.filter((r) => r.id !== personId) ?? [];
  if (others.length === 0) return <Typography.Text type="secondary">{t('person.noMembers')}</Typography.Text>;
  return (
    <ul className="sz-residents" data-testid="household-members">
      {others.map((resident) => (
        <ResidentLine key={resident.id} resident={resident} />
      ))}
    </ul>
  );
}
