import { CameraOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import { loadCategories } from '../../cases/useCategories';
import { useSession } from '../../identity/session';
import { useOutbox } from '../outbox/useOutbox';
import { PhoneHome } from '../PhoneHome';
import { PhoneReport } from '../PhoneReport';
import { GridTasks } from './GridTasks';
import { GridWorkerMe } from './GridWorkerMe';

type Tab = 'tasks' | 'patrol' | 'me';

/** The grid worker's phone: tasks of the grid, patrol reports that survive a lost connection, and their own page. */
export function GridWorkerHome() {
  const { t } = useT();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>('tasks');
  const [caseId, setCaseId] = useState<number | null>(null);
  const outbox = useOutbox(user.id);

  // Loaded now, while there is a connection, so the patrol form can still offer categories where there is none.
  useEffect(() => {
    loadCategories().catch((err: unknown) => console.debug(errorMessage(err)));
  }, []);

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
        { key: 'me', title: t('gw.me'), icon: <UserOutlined />, content: <GridWorkerMe onOpen={setCaseId} /> },
      ]}
    />
  );
}
