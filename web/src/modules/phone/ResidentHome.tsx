import { FileTextOutlined, FormOutlined, UserOutlined } from '@ant-design/icons';
import { DotLoading } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../core/i18n';
import { useSession } from '../identity/session';
import { GridCard, stationGrid } from './GridCard';
import { useOutbox } from './outbox/useOutbox';
import { PhoneHome } from './PhoneHome';
import { PhoneMyCases } from './PhoneMyCases';
import { PhoneReport } from './PhoneReport';
import { wechatCallbackPending } from './WechatBinding';

type Tab = 'report' | 'mine' | 'me';

const ResidentMe = lazy(() => import('./me/ResidentMe'));

/** The resident's phone: report a problem, follow and rate one's own reports, and their own account (我的). */
export function ResidentHome() {
  const { t } = useT();
  const { user } = useSession();
  // back from WeChat's authorisation, the binding finishes on 我的
  const [tab, setTab] = useState<Tab>(wechatCallbackPending ? 'me' : 'report');
  const [caseId, setCaseId] = useState<number | null>(null);
  const outbox = useOutbox(user.id);

  return (
    <PhoneHome<Tab>
      active={tab}
      onTab={setTab}
      caseId={caseId}
      onCase={setCaseId}
      // the station's grid introduces reporting; on 我的 it would only push the account down
      banner={stationGrid && tab !== 'me' && <GridCard code={stationGrid} />}
      tabs={[
        {
          key: 'report',
          title: t('phone.report'),
          icon: <FormOutlined />,
          badge: outbox.items.length,
          content: <PhoneReport outbox={outbox} onMyCases={() => setTab('mine')} />,
        },
        {
          key: 'mine',
          title: t('phone.myCases'),
          icon: <FileTextOutlined />,
          content: <PhoneMyCases onOpen={setCaseId} />,
        },
        {
          key: 'me',
          title: t('me.tab'),
          icon: <UserOutlined />,
          content: (
            <Suspense
              fallback={
                <div className="sz-phone-center">
                  <DotLoading />
                </div>
              }
            >
              <ResidentMe />
            </Suspense>
          ),
        },
      ]}
    />
  );
}
