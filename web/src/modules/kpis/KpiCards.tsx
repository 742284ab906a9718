import { Card, Typography } from 'antd';
import { useT } from '../../core/i18n';
import type { KpiKey, KpiResult } from './api';
import { formatKpi, KPI_COUNTS, KPI_ORDER, kpiName } from './kpiText';

function KpiCard({ kpi, result }: { kpi: KpiKey; result: KpiResult }) {
  const translator = useT();
  const { t, code, lang } = translator;
  const definition = result.definitions[kpi];
  const value = result.kpis[kpi];
  const counts = KPI_COUNTS[kpi].map((c) => `${code('kpiCount', c)} ${result.counts[c]}`).join(' · ');
  return (
    <Card size="small" title={kpiName(definition, lang)} className="sz-kpi-card" data-testid={`kpi-card-${kpi}`}>
      <div className={value === null ? 'sz-kpi-value sz-kpi-value--none' : 'sz-kpi-value'} data-testid="kpi-value">
        {formatKpi(kpi, value, translator)}
      </div>
      <Typography.Text type="secondary" className="sz-kpi-formula" data-testid="kpi-formula">
        {t('kpi.formula', { formula: definition.formula })}
      </Typography.Text>
      <div className="sz-kpi-counts">{counts}</div>
    </Card>
  );
}

/** Every KPI with the formula it was computed by and the counts that went into it (考核口径公开). */
export function KpiCards({ result }: { result: KpiResult }) {
  return (
    <div className="sz-kpi-cards" data-testid="kpi-cards">
      {KPI_ORDER.map((kpi) => (
        <KpiCard key={kpi} kpi={kpi} result={result} />
      ))}
    </div>
  );
}
