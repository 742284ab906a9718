import { Alert, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { fetchPerson, type Person } from './api';
import { BuildingDrawer } from './BuildingDrawer';
import { HouseholdVisits } from './HouseholdVisits';
import { PersonFacts } from './PersonFacts';
import { HouseholdFacts, HouseholdMembers } from './PersonHousehold';
import { PersonTagList } from './PersonTagList';
import { RegistryBreadcrumb } from './RegistryBreadcrumb';
import { useLoad } from './useLoad';

function PersonHome({ person }: { person: Person }) {
  const { t } = useT();
  const [buildingId, setBuildingId] = useState<number>();
  const home = person.household;
  if (!home) {
    return (
      <Card size="small" title={t('person.household')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.noHousehold')} />
      </Card>
    );
  }
  return (
    <>
      <Card size="small" title={t('person.household')}>
        <HouseholdFacts home={home} onOpenBuilding={() => setBuildingId(home.buildingId)} />
        <Typography.Title level={5} className="sz-section-title">
          {t('person.members')}
        </Typography.Title>
        <HouseholdMembers home={home} personId={person.id} />
      </Card>
      <Card size="small" title={t('person.visits')}>
        <HouseholdVisits householdId={home.id} />
      </Card>
      <BuildingDrawer buildingId={buildingId} onClose={() => setBuildingId(undefined)} />
    </>
  );
}

/** 一人一档: one person's record, masked, with their household, its other members and its doorstep visits. */
export function PersonPage({ personId }: { personId: number }) {
  const { t } = useT();
  const state = useLoad(personId, fetchPerson);
  const name = state.status === 'ready' ? state.value.name : '';
  return (
    <div className="sz-registry-subpage" data-testid="person-page">
      <RegistryBreadcrumb current={t('person.title', { name })} />
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && (
        <Alert type="error" showIcon title={t('person.failed', { message: state.message })} />
      )}
      {state.status === 'ready' && (
        <div className="sz-person-body">
          <div className="sz-person-column">
            <Card size="small" title={t('person.facts')}>
              <PersonFacts person={state.value} />
            </Card>
            <Card size="small" title={t('person.tags')}>
              <PersonTagList tags={state.value.tags} />
            </Card>
          </div>
          <div className="sz-person-column">
            <PersonHome person={state.value} />
          </div>
        </div>
      )}
    </div>
  );
}
