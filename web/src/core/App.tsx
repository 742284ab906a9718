import { GeoPage } from '../modules/geo/GeoPage';
import { SessionGate } from '../modules/identity/SessionGate';
import { AppShell } from './AppShell';
import { I18nProvider } from './I18nProvider';

export function App() {
  return (
    <I18nProvider>
      <SessionGate>
        <AppShell>
          <GeoPage />
        </AppShell>
      </SessionGate>
    </I18nProvider>
  );
}
