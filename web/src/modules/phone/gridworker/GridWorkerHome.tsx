import { CameraOutlined, HomeOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import { usePrefetchCategories } from '../../cases/useCategories';
import { useSession } from '../../identity/session';
import { DoorstepTab } from '../doorstep/DoorstepTab';
import { useDoorstep } from '../doorstep/useDoorstep';
import { useOutbox } from '../outbox/useOutbox';
import { PhoneHome } from '../PhoneHome';
import { PhoneReport } from '../PhoneReport';
import { wechatCallbackPending } from '../WechatBinding';
import { GridTasks } from './GridTasks';
import { GridWorkerMe } from './GridWorkerMe';

type Tab = 'tasks' | 'patrol' | 'households' | 'me';

/**
 * The grid worker's phone: tasks of the grid, patrol reports and doorstep visits that survive a lost connection, and
 * their own page.
 */
export function GridWorkerHome() {
  const { t } = useT();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>(wechatCallbackPending ? 'me' : 'tasks');
  const [caseId, setCaseId] = useState<number | null>(null);
  const outbox = useOutbox(user.id);
  // here rather than in the tab, so waiting visits are sent on start and counted on the tab bar whatever tab is open
  const doorstep = useDoorstep(user.id);

  // Loaded now, while there is a connection, so the patrol form can still offer categories where there is none.
  usePrefetchCategories();

  return (
    <PhoneHome<Tab>
      active={tab}
      onTab={setTab}
      caseId={caseId}
      onCase={setCaseId}
      tabs={[
        { key: 'tasks', title: t('gw.tasks'), icon: <ScheduleOutlined />, content: <GridTasks onOpen={setCaseId} /> },
        {
          key: 'patrol',
          title: t('gw.patrol'),
          icon: <CameraOutlined />,
          badge: outbox.items.length,
          content: <PhoneReport outbox={outbox} onMyCases={() => setTab('me')} />,
        },
        {
          key: 'households',
          title: t('gw.households'),
          icon: <HomeOutlined />,
          badge: doorstep.visits.length,
          content: <DoorstepTab doorstep={doorstep} />,
        },
        { key: 'me', title: t('gw.me'), icon: <UserOutlined />, content: <GridWorkerMe onOpen={setCaseId} /> },
      ]}
    />
  );
}
