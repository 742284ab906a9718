import { lazy, Suspense } from 'react';
import { CasesPage } from '../modules/cases/CasesPage';
import { CategoryAdminPage } from '../modules/cases/categories/CategoryAdminPage';
import { GeoPage } from '../modules/geo/GeoPage';
import { SessionGate } from '../modules/identity/SessionGate';
import { useSession } from '../modules/identity/session';
import { FirePage } from '../modules/iot/FirePage';
import { KpiPage } from '../modules/kpis/KpiPage';
import { RegistryPage } from '../modules/registry/RegistryPage';
import { AppShell } from './AppShell';
import { I18nProvider } from './I18nProvider';
import { type ConsolePage, isPhonePath, pagesFor, useConsolePage } from './navigation';

// Loaded only on /m, so the console does not download antd-mobile and the phone does not download the console.
const PhoneApp = lazy(() => import('../modules/phone/PhoneApp'));

/** A page the user's role does not offer (an old link, say) falls back to the map. */
function PageView({ page }: { page: ConsolePage }) {
  const { user } = useSession();
  const shown = pagesFor(user.role).includes(page) ? page : 'map';
  if (shown === 'cases') return <CasesPage />;
  if (shown === 'kpis') return <KpiPage />;
  if (shown === 'registry') return <RegistryPage />;
  if (shown === 'fire') return <FirePage />;
  if (shown === 'categories') return <CategoryAdminPage />;
  return <GeoPage />;
}

function Console() {
  const [page, setPage] = useConsolePage();
  return (
    <SessionGate>
      <AppShell page={page} onNavigate={setPage}>
        <PageView page={page} />
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
