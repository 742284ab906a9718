import { Card, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, useLoad } from '../../core/query';
import { AddTagButton } from './AddTagButton';
import { fetchPerson, type Person } from './api';
import { BuildingDrawer } from './BuildingDrawer';
import { ErasePersonButton } from './ErasePersonButton';
import { ExportPersonButton } from './ExportPersonButton';
import { HouseholdVisits } from './HouseholdVisits';
import { PersonFacts } from './PersonFacts';
import { HouseholdFacts, HouseholdMembers } from './PersonHousehold';
import { PersonTagList } from './PersonTagList';
import { RegistryBreadcrumb } from './RegistryBreadcrumb';

function PersonHome({ person }: { person: Person }) {
  const { t } = useT();
  const [buildingId, setBuildingId] = useState<number>();
  const home = person.household;
  if (!home) {
    return (
      <Card size="small" title={t('person.household')}>
        <EmptyState description={t('person.noHousehold')} />
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

/** What a person may ask of their record (依申请): a copy of all of it, or that it be erased. */
function PersonRequests({ person, onErased }: { person: Person; onErased: () => void }) {
  // Taking a person's whole record away, or erasing it, on their request: the district answers for both.
  const mayErase = useAbility('registry.erase');
  if (!mayErase) return null;
  return (
    <Space className="sz-person-requests" data-testid="person-requests">
      <ExportPersonButton personId={person.id} />
      <ErasePersonButton personId={person.id} name={person.name} onErased={onErased} />
    </Space>
  );
}

function PersonBody({ person, onErased }: { person: Person; onErased: () => void }) {
  const { t } = useT();
  return (
    <>
      <PersonRequests person={person} onErased={onErased} />
      <div className="sz-person-body">
        <div className="sz-person-column">
          <Card size="small" title={t('person.facts')}>
            <PersonFacts person={person} />
          </Card>
          <Card size="small" title={t('person.tags')} extra={<AddTagButton person={person} />}>
            <PersonTagList personId={person.id} tags={person.tags} />
          </Card>
        </div>
        <div className="sz-person-column">
          <PersonHome person={person} />
        </div>
      </div>
    </>
  );
}

/** 一人一档: one person's record, masked, with their household, its other members and its doorstep visits. */
export function PersonPage({ personId }: { personId: number }) {
  const { t } = useT();
  const state = useLoad(['registry', 'person'], personId, fetchPerson);
  // by id, so moving on to another person's page does not carry it over
  const [erasedId, setErasedId] = useState<number>();
  const name = state.status === 'ready' ? state.value.name : '';
  return (
    <div className="sz-registry-subpage" data-testid="person-page">
      <RegistryBreadcrumb current={t('person.title', { name })} />
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && (
        <LoadFailed type="error" message={t('person.failed', { message: state.message })} retry={state.retry} />
      )}
      {state.status === 'ready' &&
        (erasedId === personId ? (
          <Result
            status="success"
            title={t('person.erased', { name })}
            subTitle={t('person.erasedDetail')}
            data-testid="person-erased"
          />
        ) : (
          <PersonBody person={state.value} onErased={() => setErasedId(personId)} />
        ))}
    </div>
  );
}
