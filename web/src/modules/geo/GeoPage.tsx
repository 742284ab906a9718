import { Alert, Layout, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { fetchMapConfig, type MapConfig } from './api';
import { GeoBreadcrumb } from './GeoBreadcrumb';
import { GeoMap } from './GeoMap';
import { GridDrawer } from './GridDrawer';
import { useMapView } from './mapView';
import { RegionTree } from './RegionTree';
import { useGrid } from './useGrid';
import './geo.css';

/** Without the config the map still works: it just has no base tiles. */
const OFFLINE_CONFIG: MapConfig = { tileCrs: 'wgs84' };

export function useMapConfig(): { config: MapConfig | null; error?: string } {
  const [state, setState] = useState<{ config: MapConfig | null; error?: string }>({ config: null });
  useEffect(() => {
    let live = true;
    fetchMapConfig().then(
      (config) => live && setState({ config }),
      (err: unknown) => live && setState({ config: OFFLINE_CONFIG, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

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

  const view = viewState.view;
  const chain = grid.status === 'ready' ? grid.detail.chain : (view?.chain ?? []);
  const gridName = grid.status === 'ready' ? grid.detail.grid.name : null;
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
          <Alert type="error" showIcon title={t('geo.loadFailed', { message: viewState.message })} />
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
