import { InputNumber, Space, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { loadedValue } from '../../core/query';
import { useMapView } from '../geo/mapView';
import { type LngLat, PointMap } from './PointMap';

interface Props {
  value?: LngLat;
  onChange?: (value: LngLat) => void;
}

/** A form control: click the map, or type the coordinates. The outlines are the user's own regions. */
export function LocationPicker({ value, onChange }: Props) {
  const { t } = useT();
  const overview = useMapView(null);
  const set = (lng: number | null | undefined, lat: number | null | undefined) => {
    if (typeof lng === 'number' && typeof lat === 'number') onChange?.([lng, lat]);
  };
  return (
    <div>
      <Typography.Text type="secondary">{t('report.locationHint')}</Typography.Text>
      <PointMap testId="report-map" areas={loadedValue(overview)?.areas} point={value ?? null} onPick={onChange} />
      <Space className="sz-lnglat">
        <InputNumber
          data-testid="report-lng"
          prefix={t('report.lng')}
          min={-180}
          max={180}
          step={0.0001}
          precision={6}
          value={value?.[0]}
          onChange={(lng) => set(lng, value?.[1])}
        />
        <InputNumber
          data-testid="report-lat"
          prefix={t('report.lat')}
          min={-90}
          max={90}
          step={0.0001}
          precision={6}
          value={value?.[1]}
          onChange={(lat) => set(value?.[0], lat)}
        />
      </Space>
    </div>
  );
}
