import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useT } from '../../core/i18n';
import { SessionGate, type SessionScreens } from '../identity/SessionGate';
import { useSession } from '../identity/session';
import { DepartmentHome } from './department/DepartmentHome';
import { GridWorkerHome } from './gridworker/GridWorkerHome';
import { PhoneChangePassword } from './PhoneChangePassword';
import { PhoneSignIn } from './PhoneSignIn';
import { ResidentHome } from './ResidentHome';
import './phone.css';
import './reactRender';

const SCREENS: SessionScreens = { SignIn: PhoneSignIn, ChangePassword: PhoneChangePassword };

/**
 * Grid workers and department or team members get their own app on the same address; everyone else reports and
 * follows as a resident does.
 */
function PhoneHomeFor() {
  const { user } = useSession();
  if (user.role === 'grid_worker') return <GridWorkerHome />;
  if (user.role === 'department_staff') return <DepartmentHome />;
  return <ResidentHome />;
}

/** The phone pages: sign in, then the resident's or the grid worker's app. */
export default function PhoneApp() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <SessionGate screens={SCREENS}>
        <PhoneHomeFor />
      </SessionGate>
    </ConfigProvider>
  );
}
