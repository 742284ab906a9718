import { Alert, Descriptions, Skeleton } from 'antd';
import { useT } from '../../core/i18n';
import { fetchCompound } from './api';
import { useLoad } from './useLoad';

/** The compound a building stands in: who manages it and how big it is. */
export function CompoundFacts({ compoundId }: { compoundId: number }) {
  const { t } = useT();
  const state = useLoad(compoundId, fetchCompound);
  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 2 }} />;
  if (state.status === 'failed')
    return <Alert type="warning" showIcon title={t('compound.failed', { message: state.message })} />;
  if (state.status !== 'ready') return null;
  const compound = state.value;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      data-testid="compound-facts"
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: t('compound.name'), children: compound.name },
        {
          key: 'company',
          label: t('compound.propertyCompany'),
          children: compound.propertyCompany ?? t('compound.noPropertyCompany'),
        },
        {
          key: 'counts',
          label: t('summary.title'),
          children: t('compound.counts', {
            buildings: compound.buildings,
            households: compound.households,
            people: compound.people,
          }),
        },
      ]}
    />
  );
}
