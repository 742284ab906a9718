import { Card, Flex, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { type Load, LoadFailed } from '../../core/query';
import { PERSON_TAGS, type RegistrySummary } from './api';

const FIGURES = [
  ['people', 'summary.people'],
  ['floating', 'summary.floating'],
  ['households', 'summary.households'],
  ['buildings', 'summary.buildings'],
  ['venues', 'summary.venues'],
  ['facilities', 'summary.facilities'],
  ['openCases', 'summary.openCases'],
] as const;

function SummaryFigures({ summary }: { summary: RegistrySummary }) {
  const { t, code } = useT();
  // In the managed order, so the same group is always in the same place; groups nobody belongs to are left out.
  const tagged = PERSON_TAGS.filter((tag) => (summary.byTag[tag] ?? 0) > 0);
  return (
    <>
      <div className="sz-summary-figures">
        {FIGURES.map(([key, label]) => (
          <Statistic key={key} title={t(label)} value={summary[key]} data-testid={`summary-${key}`} />
        ))}
      </div>
      <Typography.Title level={5} className="sz-section-title">
        {t('summary.byTag')}
      </Typography.Title>
      {tagged.length === 0 ? (
        <Typography.Text type="secondary">{t('summary.noTags')}</Typography.Text>
      ) : (
        <Flex wrap gap={6} data-testid="summary-tags">
          {tagged.map((tag) => (
            <Tag key={tag}>
              {code('personTag', tag)} {summary.byTag[tag]}
            </Tag>
          ))}
        </Flex>
      )}
    </>
  );
}

/** 人口概况 of the chosen region, with its venues, facilities and open cases; loaded by the page, which may chart it too. */
export function SummaryCard({ state }: { state: Load<RegistrySummary> }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('summary.title')} className="sz-summary" data-testid="summary-card">
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && (
        <LoadFailed type="warning" message={t('summary.failed', { message: state.message })} retry={state.retry} />
      )}
      {state.status === 'ready' && <SummaryFigures summary={state.value} />}
    </Card>
  );
}
