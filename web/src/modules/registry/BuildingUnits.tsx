import { Skeleton, Tag, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, useLoad } from '../../core/query';
import { fetchBuildingUnits, type Household, type Unit } from './api';
import { HouseholdUseTag } from './HouseholdUseTag';
import { ResidentLine } from './ResidentLine';
import { formatDate, unitLabel } from './registryText';

function HouseholdCard({ household }: { household: Household }) {
  const { t, lang } = useT();
  return (
    <div className="sz-household" data-testid="household">
      <div className="sz-household-head">
        <Typography.Text strong>{t('units.room', { room: household.room })}</Typography.Text>
        <HouseholdUseTag use={household.use} />
        {household.visitedAt ? (
          <Typography.Text type="secondary" className="sz-household-visit">
            {t('units.visited', { date: formatDate(household.visitedAt, lang) })}
          </Typography.Text>
        ) : (
          <Tag className="sz-household-visit" color="warning">
            {t('units.notVisited')}
          </Tag>
        )}
      </div>
      {household.residents.length === 0 ? (
        <Typography.Text type="secondary">{t('units.noResidents')}</Typography.Text>
      ) : (
        <ul className="sz-residents">
          {household.residents.map((resident) => (
            <ResidentLine key={resident.id} resident={resident} />
          ))}
        </ul>
      )}
    </div>
  );
}

function UnitSection({ unit }: { unit: Unit }) {
  const { t } = useT();
  return (
    <section className="sz-unit" data-testid="unit">
      <Typography.Text type="secondary" className="sz-unit-name">
        {unitLabel(unit.name, t)}
      </Typography.Text>
      {unit.households.map((household) => (
        <HouseholdCard key={household.id} household={household} />
      ))}
    </section>
  );
}

/** 单元与住户: every household of a building by unit, with its residents masked. */
export function BuildingUnits({ buildingId }: { buildingId: number }) {
  const { t } = useT();
  const state = useLoad(['registry', 'units'], buildingId, fetchBuildingUnits);
  return (
    <div data-testid="building-units">
      <Typography.Title level={5} className="sz-section-title">
        {t('units.title')}
      </Typography.Title>
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && (
        <LoadFailed type="warning" message={t('units.failed', { message: state.message })} retry={state.retry} />
      )}
      {state.status === 'ready' &&
        (state.value.length === 0 ? (
          <EmptyState description={t('units.empty')} />
        ) : (
          state.value.map((unit) => <UnitSection key={unit.id} unit={unit} />)
        ))}
    </div>
  );
}
