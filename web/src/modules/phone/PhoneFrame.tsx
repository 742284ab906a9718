import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useT } from '../../core/i18n';
import { LanguageSwitch } from '../../core/LanguageSwitch';

interface Props {
  title?: string;
  onBack?: () => void;
  /** Shown beside the language switch: the bell, once someone is signed in. */
  extra?: ReactNode;
  children: ReactNode;
}

/** The phone page's title bar with the language switch, above one screen. */
export function PhoneFrame({ title, onBack, extra, children }: Props) {
  const { t } = useT();
  return (
    <div className="sz-phone">
      <NavBar
        className="sz-phone-nav"
        back={onBack ? t('phone.back') : null}
        onBack={onBack}
        right={
          <div className="sz-phone-nav-right">
            {extra}
            <LanguageSwitch />
          </div>
        }
      >
        {title ?? t('app.name')}
      </NavBar>
      <div className="sz-phone-body">{children}</div>
    </div>
  );
}
