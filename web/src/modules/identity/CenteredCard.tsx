import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../core/i18n';
import { LanguageSwitch } from '../../core/LanguageSwitch';
import './identity.css';

/** The frame of the pages shown before the app: product name, language switch and one card. */
export function CenteredCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="sz-centered">
      <div className="sz-centered-lang">
        <LanguageSwitch />
      </div>
      <div className="sz-centered-brand">
        <Typography.Title level={2}>{t('app.name')}</Typography.Title>
        <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
      </div>
      <Card title={title} className="sz-centered-card">
        {children}
      </Card>
    </div>
  );
}
