import { ConfigProvider, NoticeBar, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { SessionGate, type SessionScreens } from '../identity/SessionGate';
import { PhoneCase } from './PhoneCase';
import { PhoneChangePassword } from './PhoneChangePassword';
import { PhoneFrame } from './PhoneFrame';
import { PhoneMyCases } from './PhoneMyCases';
import { PhoneReport } from './PhoneReport';
import { PhoneSignIn } from './PhoneSignIn';
import './phone.css';

const SCREENS: SessionScreens = { SignIn: PhoneSignIn, ChangePassword: PhoneChangePassword };

type Tab = 'report' | 'mine';

/** The grid station's QR code opens /m?grid=CODE; a resident may not read grids, so the code itself is shown. */
const stationGrid = new URLSearchParams(location.search).get('grid');

function PhoneHome() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('report');
  const [open, setOpen] = useState<number | null>(null);

  if (open !== null) {
    return (
      <PhoneFrame title={t('phone.myCases')} onBack={() => setOpen(null)}>
        <PhoneCase id={open} />
      </PhoneFrame>
    );
  }
  return (
    <PhoneFrame>
      {stationGrid && (
        <NoticeBar content={t('phone.grid', { code: stationGrid })} color="info" data-testid="phone-grid" />
      )}
      {tab === 'report' ? <PhoneReport onMyCases={() => setTab('mine')} /> : <PhoneMyCases onOpen={setOpen} />}
      <TabBar activeKey={tab} onChange={(key) => setTab(key as Tab)} className="sz-phone-tabs" safeArea>
        <TabBar.Item key="report" title={<span data-testid="phone-tab-report">{t('phone.report')}</span>} />
        <TabBar.Item key="mine" title={<span data-testid="phone-tab-mine">{t('phone.myCases')}</span>} />
      </TabBar>
    </PhoneFrame>
  );
}

/** The resident's phone pages: sign in, report a problem, follow and rate one's own reports. */
export default function PhoneApp() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <SessionGate screens={SCREENS}>
        <PhoneHome />
      </SessionGate>
    </ConfigProvider>
  );
}
