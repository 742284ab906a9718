import { lazy, Suspense } from 'react';
import { useRoute } from 'wouter';
import { I18nProvider } from './I18nProvider';
import { QueryProvider } from './query';

// Each side loads only its own code: the phone (a cheap phone on 3G) never downloads the console's pages, maps and
// notification drawer, and the console never downloads antd-mobile.
const PhoneApp = lazy(() => import('../modules/phone/PhoneApp'));
const Console = lazy(() => import('./Console'));

export function App() {
  // The phone pages (residents', grid workers') live under /m; everything else is the console.
  const [phone] = useRoute('/m/*?');
  return (
    <I18nProvider>
      <QueryProvider>
        <Suspense>{phone ? <PhoneApp /> : <Console />}</Suspense>
      </QueryProvider>
    </I18nProvider>
  );
}
