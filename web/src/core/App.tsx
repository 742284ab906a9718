import { lazy, Suspense } from 'react';
import { CasesPage } from '../modules/cases/CasesPage';
import { GeoPage } from '../modules/geo/GeoPage';
import { SessionGate } from '../modules/identity/SessionGate';
import { AppShell } from './AppShell';
import { I18nProvider } from './I18nProvider';
import { isPhonePath, useConsolePage } from './navigation';

// Loaded only on /m, so the console does not download antd-mobile and the phone does not download the console.
const PhoneApp = lazy(() => import('../modules/phone/PhoneApp'));

function Console() {
  const [page, setPage] = useConsolePage();
  return (
    <SessionGate>
      <AppShell page={page} onNavigate={setPage}>
        {page === 'cases' ? <CasesPage /> : <GeoPage />}
      </AppShell>
    </SessionGate>
  );
}

export function App() {
  return (
    <I18nProvider>
      {isPhonePath(location.pathname) ? (
        <Suspense>
          <PhoneApp />
        </Suspense>
      ) : (
        <Console />
      )}
    </I18nProvider>
  );
}
