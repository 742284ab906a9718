import { Button, Input, List, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useT } from '../../core/i18n';
import type { LngLat } from '../cases/PointMap';
import { useGeolocation } from './useGeolocation';
import { useGridAt } from './usePlace';

function parsePoint(lng: string, lat: string): LngLat | null {
  const x = Number.parseFloat(lng);
  const y = Number.parseFloat(lat);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : null;
}

/**
 * The phone's own position by default; typed coordinates when it has none or the resident reports from elsewhere.
 * A map to tap is not offered: residents get no base tiles, and a blank map gives nothing to aim at.
 */
export function LocationField({ onChange }: { onChange: (point: LngLat | null) => void }) {
  const { t } = useT();
  const [geo, locate] = useGeolocation();
  const [manual, setManual] = useState(false);
  const [lng, setLng] = useState('');
  const [lat, setLat] = useState('');
  const typing = manual || geo.status === 'unavailable';
  const point = typing ? parsePoint(lng, lat) : geo.status === 'located' ? geo.point : null;
  const place = useGridAt(point);

  const [x, y] = point ?? [];
  useEffect(() => {
    onChange(x === undefined || y === undefined ? null : [x, y]);
  }, [x, y, onChange]);

  let status = '';
  if (!typing && geo.status === 'locating') status = t('phone.locating');
  else if (place.status === 'inGrid') status = t('phone.inGrid', { name: place.name });
  else if (place.status === 'outside') status = t('phone.outsideGrids');

  return (
    <List header={t('phone.location')} mode="card">
      <List.Item
        description={status}
        extra={
          <Space>
            <Button
              size="mini"
              onClick={() => {
                setManual(false);
                locate();
              }}
            >
              {t('phone.locateAgain')}
            </Button>
            {!typing && (
              <Button size="mini" onClick={() => setManual(true)}>
                {t('phone.enterManually')}
              </Button>
            )}
          </Space>
        }
      >
        <span className="sz-mono" data-testid="phone-location">
          {point ? `${point[0].toFixed(6)}, ${point[1].toFixed(6)}` : '—'}
        </span>
      </List.Item>
      {geo.status === 'unavailable' && !manual && <List.Item>{t('phone.locateFailed')}</List.Item>}
      {typing && (
        <>
          <List.Item prefix={t('report.lng')}>
            <Input value={lng} onChange={setLng} inputMode="decimal" placeholder="116.7" />
          </List.Item>
          <List.Item prefix={t('report.lat')}>
            <Input value={lat} onChange={setLat} inputMode="decimal" placeholder="36.2" />
          </List.Item>
        </>
      )}
    </List>
  );
}
