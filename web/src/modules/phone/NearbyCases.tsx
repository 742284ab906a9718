import { Button, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { followCase, type NearbyCase } from '../cases/api';
import type { LngLat } from '../cases/PointMap';

/**
 * Open cases of the same kind near the spot: "is it one of these?", told by area, status and distance (what others
 * wrote stays theirs). A resident who meets the same problem follows the case (我也遇到) from the same spot instead
 * of filing it again, and hears each of its steps.
 */
export function NearbyCases({
  items,
  canFollow,
  point,
}: {
  items: NearbyCase[];
  canFollow: boolean;
  point: LngLat | null;
}) {
  const { t, code } = useT();
  const [followed, setFollowed] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState<number | null>(null);
  if (items.length === 0) return null;

  async function follow(id: number) {
    if (!point) return;
    setBusy(id);
    try {
      await followCase(id, { lng: point[0], lat: point[1] });
      setFollowed((s) => new Set(s).add(id));
      Toast.show({ icon: 'success', content: t('phone.followed') });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <List header={t('phone.nearbyTitle')} mode="card" data-testid="phone-nearby">
      <List.Item description={t('phone.nearbyHint')} />
      {items.map((c) => (
        <List.Item
          key={c.id}
          description={`${code('caseStatus', c.status)} · ${t('phone.nearbyDistance', { metres: c.distance })}`}
          extra={
            canFollow &&
            (followed.has(c.id) ? (
              <span className="sz-phone-followed">{t('phone.following')}</span>
            ) : (
              <Button
                size="mini"
                color="primary"
                fill="outline"
                loading={busy === c.id}
                onClick={() => void follow(c.id)}
                data-testid={`phone-follow-${c.id}`}
              >
                {t('phone.meToo')}
              </Button>
            ))
          }
        >
          {c.areaName || t('phone.nearbyNoArea')}
        </List.Item>
      ))}
    </List>
  );
}
