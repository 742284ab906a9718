import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useT } from '../../core/i18n';
import { LanguageSwitch } from '../../core/LanguageSwitch';

/** The phone page's title bar with the language switch, above one screen. */
export function PhoneFrame({ title, onBack, children }: { title?: string; onBack?: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="sz-phone">
      <NavBar
        className="sz-phone-nav"
        back={onBack ? t('phone.back') : null}
        onBack={onBack}
        right={<LanguageSwitch />}
      >
        {title ?? t('app.name')}
      </NavBar>
      <div className="sz-phone-body">{children}</div>
    </div>
  );
}
