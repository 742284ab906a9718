import { List } from 'antd-mobile';
import { useT } from '../../core/i18n';
import type { NearbyCase } from '../cases/api';

export function NearbyCases({ items }: { items: NearbyCase[] }) {
  const { t, code } = useT();
  if (items.length === 0) return null;
  return (
    <List header={t('phone.nearbyTitle')} mode="card" data-testid="phone-nearby">
      <List.Item description={t('phone.nearbyHint')} />
      {items.map((c) => (
        <List.Item
          key={c.id}
          description={`${c.number} · ${code('caseStatus', c.status)}`}
          extra={t('phone.nearbyDistance', { metres: Math.round(c.distance) })}
        >
          {c.description}
        </List.Item>
      ))}
    </List>
  );
}
