import { Result, Spin } from 'antd';
import { Suspense } from 'react';
import { SessionGate } from '../modules/identity/SessionGate';
import { UserMenu } from '../modules/identity/UserMenu';
import { AppShell } from './AppShell';
import { useConsolePages, useCurrentPage } from './consolePages';
import { useT } from './i18n';

function ConsolePageView() {
  const { t } = useT();
  const pages = useConsolePages();
  const current = useCurrentPage(pages);
  if (!current) {
    // the user menu still lets them change their password or sign out and in as someone else
    return <Result status="403" title={t('app.noPages')} extra={<UserMenu />} data-testid="no-pages" />;
  }
  const Page = current.page;
  return (
    <AppShell pages={pages} current={current}>
      <Suspense fallback={<Spin className="sz-page-spin" description={t('app.loading')} />}>
        <Page key={current.key} />
      </Suspense>
    </AppShell>
  );
}

/** The console: sign-in, then the pages of every registered module the person may open. */
export default function Console() {
  return (
    <SessionGate>
      <ConsolePageView />
    </SessionGate>
  );
}
