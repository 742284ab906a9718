import { TabBar, Toast } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useT } from '../../core/i18n';
import { messageTitle } from '../notify/api';
import { useNotifications } from '../notify/useNotifications';
import { PhoneBell } from './PhoneBell';
import { PhoneCase } from './PhoneCase';
import { PhoneFrame } from './PhoneFrame';

export interface PhoneTab<K extends string> {
  key: K;
  title: string;
  icon: ReactNode;
  /** A count on the tab, such as the reports waiting to be sent. */
  badge?: number;
  content: ReactNode;
}

interface Props<K extends string> {
  tabs: PhoneTab<K>[];
  active: K;
  onTab: (key: K) => void;
  /** The case on screen instead of the tabs, from a list or from a message. */
  caseId: number | null;
  onCase: (id: number | null) => void;
  banner?: ReactNode;
}

/**
 * The frame both phone apps share: the bell (its live stream stays open while a case is on screen), the tab bar,
 * and one case full screen with a way back.
 */
export function PhoneHome<K extends string>({ tabs, active, onTab, caseId, onCase, banner }: Props<K>) {
  const { t, lang } = useT();
  const inbox = useNotifications((m) => Toast.show({ content: messageTitle(m, lang), position: 'top' }));
  const bell = <PhoneBell inbox={inbox} onOpenCase={onCase} />;

  if (caseId !== null) {
    return (
      <PhoneFrame title={t('phone.case')} onBack={() => onCase(null)} extra={bell}>
        <PhoneCase id={caseId} />
      </PhoneFrame>
    );
  }
  return (
    <PhoneFrame extra={bell}>
      {banner}
      {tabs.find((tab) => tab.key === active)?.content}
      <TabBar activeKey={active} onChange={(key) => onTab(key as K)} className="sz-phone-tabs" safeArea>
        {tabs.map((tab) => (
          <TabBar.Item
            key={tab.key}
            icon={tab.icon}
            badge={tab.badge || undefined}
            title={<span data-testid={`phone-tab-${tab.key}`}>{tab.title}</span>}
          />
        ))}
      </TabBar>
    </PhoneFrame>
  );
}
