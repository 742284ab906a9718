import { Layout, Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { useSession } from '../identity/session';
import { BuildingsPanel } from './BuildingsPanel';
import { ImportPanel } from './ImportPanel';
import { PeoplePanel } from './PeoplePanel';
import { mayRecord } from './permissions';
import { ThingsPanel } from './ThingsPanel';

type Tab = 'buildings' | 'people' | 'things' | 'import';

/**
 * 人房物情: the buildings of a region in 3D with its venues, facilities and figures by area, finding people, listing
 * venues and facilities, and importing residents files (for those who record).
 */
export function RegistryPage() {
  const { t } = useT();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>('buildings');
  const tabs: { key: Tab; label: string }[] = [
    { key: 'buildings', label: t('registry.tabBuildings') },
    { key: 'people', label: t('registry.tabPeople') },
    { key: 'things', label: t('registry.tabThings') },
    ...(mayRecord(user.role) ? [{ key: 'import' as const, label: t('registry.tabImport') }] : []),
  ];
  return (
    <Layout.Content className="sz-registry" data-testid="registry-page">
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} items={tabs} data-testid="registry-tabs" />
      {tab === 'buildings' && <BuildingsPanel />}
      {tab === 'people' && <PeoplePanel />}
      {tab === 'things' && <ThingsPanel />}
      {tab === 'import' && <ImportPanel />}
    </Layout.Content>
  );
}
