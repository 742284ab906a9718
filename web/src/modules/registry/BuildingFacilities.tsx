import { Skeleton, Tag, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, useLoad } from '../../core/query';
import {
  type BuildingDetail,
  FACILITY_KIND_LABELS,
  FACILITY_STATUS_LABELS,
  type Facility,
  fetchBuildingFacilities,
} from './api';

function FacilityLine({ facility }: { facility: Facility }) {
  const { lang } = useT();
  return (
    <li className="sz-building-facility" data-testid="building-facility">
      <Typography.Text type="secondary">{FACILITY_KIND_LABELS[facility.kind][lang]}</Typography.Text>
      <Typography.Text strong>{facility.name}</Typography.Text>
      <Tag color={facility.status === 'in_service' ? 'green' : 'default'}>
        {FACILITY_STATUS_LABELS[facility.status][lang]}
      </Tag>
    </li>
  );
}

/** 设施: the chargers, sheds and hydrants recorded as belonging to the building. */
export function BuildingFacilities({ building }: { building: BuildingDetail }) {
  const { t } = useT();
  const state = useLoad(['registry', 'facilities'], building, fetchBuildingFacilities);
  return (
    <div data-testid="building-facilities">
      <Typography.Title level={5} className="sz-section-title">
        {t('buildingFacilities.title')}
      </Typography.Title>
      {state.status === 'loading' && <Skeleton active paragraph={{ rows: 1 }} />}
      {state.status === 'failed' && (
        <LoadFailed
          type="warning"
          message={t('buildingFacilities.failed', { message: state.message })}
          retry={state.retry}
        />
      )}
      {state.status === 'ready' &&
        (state.value.length === 0 ? (
          <EmptyState description={t('buildingFacilities.empty')} />
        ) : (
          <ul className="sz-building-facilities">
            {state.value.map((facility) => (
              <FacilityLine key={facility.id} facility={facility} />
            ))}
          </ul>
        ))}
    </div>
  );
}
