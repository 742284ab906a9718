import { Breadcrumb } from 'antd';
import { Link } from 'wouter';
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
        { key: 'registry', title: <Link to="/registry">{t('nav.registry')}</Link> },
        ...trail.map((step) => ({ key: step.to, title: <Link to={step.to}>{step.title}</Link> })),
        { key: 'current', title: current },
      ]}
    />
  );
}
