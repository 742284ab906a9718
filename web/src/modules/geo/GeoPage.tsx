import { Alert, Layout, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue } from '../../core/query';
import { GeoBreadcrumb } from './GeoBreadcrumb';
import { GeoMap } from './GeoMap';
import { GridDrawer } from './GridDrawer';
import { useMapView } from './mapView';
import { RegionTree } from './RegionTree';
import { useGrid } from './useGrid';
import { useMapConfig } from './useMapConfig';
import './geo.css';

/** The region tree, the map and the grid drawer, all following one selection. */
export function GeoPage() {
  const { t } = useT();
  const { config, error: configError } = useMapConfig();
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [gridCode, setGridCode] = useState<string | null>(null);
  const viewState = useMapView(regionCode);
  const grid = useGrid(gridCode);

  const selectRegion = (code: string | null) => {
    setGridCode(null);
    setRegionCode(code);
  };

  const view = loadedValue(viewState);
  const chain = grid.status === 'ready' ? grid.value.chain : (view?.chain ?? []);
  const gridName = grid.status === 'ready' ? grid.value.grid.name : null;
  // Open the tree down to the current region, and the region itself unless it has nothing below it.
  const expandPath = (view?.chain ?? []).map((link) => link.code);
  if (view?.region?.childCount === 0) expandPath.pop();

  return (
    <Layout hasSider className="sz-geo">
      <Layout.Sider width={300} theme="light" className="sz-geo-sider">
        <Typography.Title level={5} className="sz-geo-sider-title">
          {t('geo.regions')}
        </Typography.Title>
        <RegionTree selected={regionCode} expandPath={expandPath} onSelect={selectRegion} />
      </Layout.Sider>
      <Layout.Content className="sz-geo-content">
        <GeoBreadcrumb chain={chain} gridName={gridName} onSelectRegion={selectRegion} />
        {configError && <Alert type="warning" showIcon title={t('geo.loadFailed', { message: configError })} />}
        {viewState.status === 'failed' && (
          <LoadFailed message={t('geo.loadFailed', { message: viewState.message })} retry={viewState.retry} />
        )}
        <div className="sz-map-frame">
          {config && (
            <GeoMap
              config={config}
              view={view}
              loading={viewState.status === 'loading'}
              selectedGrid={gridCode}
              onSelectRegion={selectRegion}
              onSelectGrid={setGridCode}
            />
          )}
          {(!config || viewState.status === 'loading') && <Spin className="sz-map-spin" />}
          <GridDrawer state={grid} onClose={() => setGridCode(null)} />
        </div>
      </Layout.Content>
    </Layout>
  );
}
