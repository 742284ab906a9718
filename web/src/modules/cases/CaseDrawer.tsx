import { Drawer, Skeleton, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { type Load, LoadFailed } from '../../core/query';
import type { CaseDetail, Org } from './api';
import { CaseActions } from './CaseActions';
import { CaseFacts } from './CaseFacts';
import { CaseTimeline } from './CaseTimeline';
import { PointMap } from './PointMap';
import { useGridOutlines } from './useGridOutlines';
import { WhistlePanel } from './WhistlePanel';
import './cases.css';

function CaseBody({
  detail,
  orgs,
  onChanged,
}: {
  detail: CaseDetail;
  orgs: Org[];
  onChanged: (d: CaseDetail) => void;
}) {
  const { t } = useT();
  const item = detail.case;
  const grids = useGridOutlines(item.gridCode);
  return (
    <>
      <Typography.Title level={5} className="sz-drawer-first-title">
        {t('case.actions')}
      </Typography.Title>
      <CaseActions item={item} orgs={orgs} onChanged={onChanged} />
      <Typography.Title level={5} className="sz-section-title">
        {t('case.facts')}
      </Typography.Title>
      <CaseFacts item={item} orgs={orgs} onChanged={onChanged} />
      {item.whistleOrgs.length > 0 && (
        <>
          <Typography.Title level={5} className="sz-section-title">
            {t('whistle.title')}
          </Typography.Title>
          <WhistlePanel whistleOrgs={item.whistleOrgs} orgs={orgs} />
        </>
      )}
      {item.location && (
        <PointMap
          testId="case-map"
          areas={grids}
          highlight={item.gridCode}
          point={[item.location.lng, item.location.lat]}
        />
      )}
      <Typography.Title level={5} className="sz-section-title">
        {t('case.timeline')}
      </Typography.Title>
      <CaseTimeline entries={detail.timeline} orgs={orgs} />
    </>
  );
}

interface Props {
  state: Load<CaseDetail>;
  orgs: Org[];
  onChanged: (detail: CaseDetail) => void;
  onClose: () => void;
}

export function CaseDrawer({ state, orgs, onChanged, onClose }: Props) {
  const { t } = useT();
  const title = state.status === 'ready' ? t('case.title', { number: state.value.case.number }) : '';
  return (
    <Drawer open={state.status !== 'none'} onClose={onClose} title={title} size={560} data-testid="case-drawer">
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && <LoadFailed message={state.message} retry={state.retry} />}
      {state.status === 'ready' && <CaseBody detail={state.value} orgs={orgs} onChanged={onChanged} />}
    </Drawer>
  );
}
