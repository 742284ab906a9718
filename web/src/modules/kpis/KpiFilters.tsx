import { DatePicker, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../core/i18n';
import { useCategoryOptions } from '../cases/useCategories';
import { RegionSelect } from '../geo/RegionSelect';

export type Period = [Dayjs, Dayjs];

interface Props {
  regionCode?: string;
  onRegion: (code: string | undefined) => void;
  period: Period;
  onPeriod: (period: Period) => void;
  categoryCode?: string;
  onCategory: (code: string | undefined) => void;
}

export function KpiFilters({ regionCode, onRegion, period, onPeriod, categoryCode, onCategory }: Props) {
  const { t } = useT();
  const categories = useCategoryOptions();
  return (
    <div className="sz-kpi-filters" data-testid="kpi-filters">
      <RegionSelect value={regionCode} onChange={onRegion} testId="kpi-region" className="sz-kpi-region" />
      <DatePicker.RangePicker
        data-testid="kpi-period"
        value={period}
        allowClear={false}
        onChange={(range) => {
          const [from, to] = range ?? [];
          if (from && to) onPeriod([from, to]);
        }}
      />
      <TreeSelect
        data-testid="kpi-category"
        className="sz-kpi-category"
        value={categoryCode}
        onChange={(code?: string) => onCategory(code)}
        treeData={categories}
        allowClear
        placeholder={t('kpi.allCategories')}
        showSearch={{ treeNodeFilterProp: 'title' }}
      />
    </div>
  );
}
