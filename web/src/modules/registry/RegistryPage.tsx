import { Layout, Tabs } from 'antd';
import { useState } from 'react';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { AreaPage } from './AreaPage';
import { BuildingsPanel } from './BuildingsPanel';
import { ImportPanel } from './ImportPanel';
import { PeoplePanel } from './PeoplePanel';
import { PersonPage } from './PersonPage';
import { useRegistryRoute } from './registryRoute';
import { ThingsPanel } from './ThingsPanel';
import './registry.css';

type Tab = 'buildings' | 'people' | 'things' | 'import';

function RegistryTabs({ hidden }: { hidden: boolean }) {
  const { t } = useT();
  const mayRecord = useAbility('registry.record');
  const [tab, setTab] = useState<Tab>('buildings');
  const tabs: { key: Tab; label: string }[] = [
    { key: 'buildings', label: t('registry.tabBuildings') },
    { key: 'people', label: t('registry.tabPeople') },
    { key: 'things', label: t('registry.tabThings') },
    ...(mayRecord ? [{ key: 'import' as const, label: t('registry.tabImport') }] : []),
  ];
  return (
    <div className="sz-registry-tabs" hidden={hidden}>
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} items={tabs} data-testid="registry-tabs" />
      {tab === 'buildings' && <BuildingsPanel />}
      {tab === 'people' && <PeoplePanel />}
      {tab === 'things' && <ThingsPanel />}
      {tab === 'import' && <ImportPanel />}
    </div>
  );
}

/**
 * 人房物情: the buildings of a region in 3D with its venues, facilities and figures by area, finding people, listing
 * venues and facilities, and importing residents files (for those who record); one person's page and one area's
 * overview each at their own URL.
 */
export function RegistryPage() {
  const route = useRegistryRoute();
  // Once shown, the tabs stay mounted under a person's or an area's page, so coming back finds the search or region
  // as it was left.
  const [tabsShown, setTabsShown] = useState(route.view === 'tabs');
  if (route.view === 'tabs' && !tabsShown) setTabsShown(true);
  return (
    <Layout.Content className="sz-registry" data-testid="registry-page">
      {tabsShown && <RegistryTabs hidden={route.view !== 'tabs'} />}
      {route.view === 'person' && <PersonPage key={route.id} personId={route.id} />}
      {route.view === 'area' && <AreaPage key={route.code} code={route.code} />}
    </Layout.Content>
  );
}
