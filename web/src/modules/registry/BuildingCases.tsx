import { Skeleton, Typography } from 'antd';
import { Link } from 'wouter';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, useLoad } from '../../core/query';
import type { CaseStatus } from '../cases/api';
import { StatusTag } from '../cases/CaseTags';
import { casePath } from '../cases/caseRoute';
import { type BuildingCase, fetchBuildingCases } from './api';
import { formatDate } from './registryText';

function CaseLine({ item }: { item: BuildingCase }) {
  const { lang } = useT();
  return (
    <li className="sz-building-case" data-testid="building-case">
      <div className="sz-building-case-head">
        <Link to={casePath(item.id)} className="sz-mono" data-testid="building-case-link">
          {item.number}
        </Link>
        <Typography.Text>{lang === 'en' ? item.categoryEn : item.categoryZh}</Typography.Text>
        {/* the server sends the cases module's own status codes */}
        <StatusTag status={item.status as CaseStatus} />
        <Typography.Text type="secondary" className="sz-building-case-date">
          {formatDate(item.reportedAt, lang)}
        </Typography.Text>
      </div>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="sz-building-case-text">
        {item.description}
      </Typography.Paragraph>
    </li>
  );
}

/** 事件: what has been reported at the building or just beside it; each opens on the cases page. */
export function BuildingCases({ buildingId }: { buildingId: number }) {
  const { t } = useT();
  const state = useLoad(['cases', 'building'], buildingId, fetchBuildingCases);
  return (
    <div data-testid="building-cases">
      <Typography.Title level={5} className="sz-section-title">
        {t('buildingCases.title')}
      </Typography.Title>
      {state.status === 'loading' && <Skeleton active paragraph={{ rows: 2 }} />}
      {state.status === 'failed' && (
        <LoadFailed
          type="warning"
          message={t('buildingCases.failed', { message: state.message })}
          retry={state.retry}
        />
      )}
      {state.status === 'ready' &&
        (state.value.length === 0 ? (
          <EmptyState description={t('buildingCases.empty')} />
        ) : (
          <ul className="sz-building-cases">
            {state.value.map((item) => (
              <CaseLine key={item.id} item={item} />
            ))}
          </ul>
        ))}
    </div>
  );
}
