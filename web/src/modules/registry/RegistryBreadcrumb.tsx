import { Breadcrumb } from 'antd';
import { ConsoleLink } from '../../core/ConsoleLink';
import { useT } from '../../core/i18n';

/** Back to the registry's tabs, through any areas above, to the page shown. */
export function RegistryBreadcrumb({
  trail = [],
  current,
}: {
  trail?: { to: string; title: string }[];
  current: string;
}) {
  const { t } = useT();
  return (
    <Breadcrumb
      className="sz-registry-crumbs"
      items={[
        { key: 'registry', title: <ConsoleLink to="/registry">{t('nav.registry')}</ConsoleLink> },
        ...trail.map((step) => ({ key: step.to, title: <ConsoleLink to={step.to}>{step.title}</ConsoleLink> })),
        { key: 'current', title: current },
      ]}
    />
  );
}
