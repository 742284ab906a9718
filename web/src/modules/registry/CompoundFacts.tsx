import { Descriptions, Skeleton } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, useLoad } from '../../core/query';
import { fetchCompound } from './api';

/** The compound a building stands in: who manages it and how big it is. */
export function CompoundFacts({ compoundId }: { compoundId: number }) {
  const { t } = useT();
  const state = useLoad(['registry', 'compound'], compoundId, fetchCompound);
  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 2 }} />;
  if (state.status === 'failed')
    return <LoadFailed type="warning" message={t('compound.failed', { message: state.message })} retry={state.retry} />;
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
