import { App, Card, Input, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate, useLoad } from '../../core/query';
import { fetchGrid, fetchRegion } from '../geo/api';
import { type Compound, fetchCompounds, fetchSummary, searchBuildings } from './api';
import { BuildingDrawer } from './BuildingDrawer';
import { BuildingProgressTable } from './BuildingProgressTable';
import { CompoundEditModal } from './CompoundEditModal';
import { CompoundList } from './CompoundList';
import { CompoundMap } from './CompoundMap';
import { useMayEditCompound } from './permissions';
import { RegistryBreadcrumb } from './RegistryBreadcrumb';
import { areaPath } from './registryRoute';
import { SituationPanel } from './SituationPanel';
import { SummaryCard } from './SummaryCard';

const TagChart = lazy(() => import('./TagChart'));

const isGrid = (code: string) => code.length === 15;

const searchArea = ({ code, q }: { code: string; q: string }) => searchBuildings(code, q || undefined);

/** An area's name and the regions above it; a grid's chain stops at its community, a region's ends at itself. */
async function fetchArea(code: string) {
  if (isGrid(code)) {
    const { grid, chain } = await fetchGrid(code);
    return { name: grid.name, above: chain };
  }
  const { region, chain } = await fetchRegion(code);
  return { name: region.name, above: chain.filter((link) => link.code !== code) };
}

function AreaCompounds({ code }: { code: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const mayEdit = useMayEditCompound();
  const invalidate = useInvalidate();
  const state = useLoad(['registry', 'compounds'], code, fetchCompounds);
  const [selected, setSelected] = useState<number>();
  const [editing, setEditing] = useState<Compound>();
  const compounds = state.status === 'ready' ? state.value : [];
  const saved = () => {
    void message.success(t('compound.saved', { name: editing?.name ?? '' }));
    setEditing(undefined);
    invalidate(['registry', 'compounds']);
  };
  return (
    <Card size="small" title={t('area.compounds')} className="sz-area-compounds" data-testid="area-compounds">
      {state.status === 'failed' && (
        <LoadFailed
          type="warning"
          message={t('area.compoundsFailed', { message: state.message })}
          retry={state.retry}
        />
      )}
      <div className="sz-area-compounds-body">
        <CompoundMap compounds={compounds} selected={selected} />
        <CompoundList
          compounds={compounds}
          loading={state.status === 'loading'}
          selected={selected}
          onSelect={setSelected}
          onEdit={mayEdit ? setEditing : undefined}
        />
      </div>
      <CompoundEditModal compound={editing} onSaved={saved} onClose={() => setEditing(undefined)} />
    </Card>
  );
}

/** 楼栋: every building of the area with how far visiting has got; a search narrows it by address, name or compound. */
function AreaBuildings({ code }: { code: string }) {
  const { t } = useT();
  const [q, setQ] = useState('');
  // the last list stays under the spinner while a search runs, rather than a flash of "no buildings"
  const state = useLoad(['registry', 'buildingSearch'], { code, q }, searchArea, { keepPrevious: true });
  const [buildingId, setBuildingId] = useState<number>();
  return (
    <Card
      size="small"
      title={t('area.buildings')}
      extra={
        <Input.Search
          allowClear
          size="small"
          className="sz-building-search"
          placeholder={t('area.buildingSearch')}
          onSearch={(value) => setQ(value.trim())}
          data-testid="building-search"
        />
      }
    >
      {state.status === 'failed' && (
        <LoadFailed
          type="warning"
          message={t('area.buildingsFailed', { message: state.message })}
          retry={state.retry}
        />
      )}
      <BuildingProgressTable
        buildings={loadedValue(state) ?? []}
        loading={state.status === 'loading'}
        emptyText={t(q ? 'area.buildingsNoMatch' : 'area.buildingsEmpty')}
        onOpen={setBuildingId}
      />
      <BuildingDrawer buildingId={buildingId} onClose={() => setBuildingId(undefined)} />
    </Card>
  );
}

/** 网格概况 (or a street's, a community's): its figures, groups, compounds, buildings and how far visiting has got. */
export function AreaPage({ code }: { code: string }) {
  const { t } = useT();
  const area = useLoad(['registry', 'area'], code, fetchArea);
  const summary = useLoad(['registry', 'summary'], code, fetchSummary);
  const name = area.status === 'ready' ? area.value.name : code;
  const trail = area.status === 'ready' ? area.value.above.map((l) => ({ to: areaPath(l.code), title: l.name })) : [];
  return (
    <div className="sz-registry-subpage" data-testid="area-page">
      <RegistryBreadcrumb trail={trail} current={name} />
      <Typography.Title level={4} className="sz-subpage-title" data-testid="area-title">
        {t('area.title', { name })} <span className="sz-mono sz-subpage-code">{code}</span>
      </Typography.Title>
      {area.status === 'failed' && (
        <LoadFailed type="error" message={t('area.failed', { message: area.message })} retry={area.retry} />
      )}
      <div className="sz-area-top">
        <SummaryCard state={summary} />
        <Card size="small" title={t('area.byTagChart')} className="sz-area-tags">
          {summary.status === 'ready' &&
            (Object.values(summary.value.byTag).some((n) => n > 0) ? (
              <Suspense fallback={null}>
                <TagChart byTag={summary.value.byTag} />
              </Suspense>
            ) : (
              <Typography.Text type="secondary">{t('summary.noTags')}</Typography.Text>
            ))}
        </Card>
      </div>
      <AreaCompounds code={code} />
      <AreaBuildings code={code} />
      {!isGrid(code) && <SituationPanel regionCode={code} />}
    </div>
  );
}
