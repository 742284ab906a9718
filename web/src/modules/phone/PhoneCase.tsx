import { DotLoading, List, NoticeBar } from 'antd-mobile';
import { useT } from '../../core/i18n';
import { categoryName } from '../cases/caseText';
import { useCaseDetail } from '../cases/useCaseDetail';
import { useSession } from '../identity/session';
import { CaseSite } from './CaseSite';
import { PhoneCaseActions } from './PhoneCaseActions';
import { PhoneTimeline } from './PhoneTimeline';
import { RatingForm } from './RatingForm';
import { PhonePriorityTag, PhoneStatusTag } from './StatusTag';

/**
 * One case: what it is, what happened to it; the rating once the resident's own case is closed; for staff, where it
 * is and who reported it, and the on-site actions.
 */
export function PhoneCase({ id }: { id: number }) {
  const { t, code, lang } = useT();
  const [state, replace] = useCaseDetail(id);
  const { user } = useSession();

  if (state.status === 'failed') return <NoticeBar content={state.message} color="error" wrap />;
  if (state.status !== 'ready') {
    return (
      <div className="sz-phone-center">
        <DotLoading />
      </div>
    );
  }
  const { case: item, timeline } = state.value;
  return (
    <>
      {item.view === 'public' && (
        <NoticeBar
          content={t(item.public ? 'phone.publicViewShared' : 'phone.publicView')}
          color="info"
          wrap
          data-testid="phone-public-view"
        />
      )}
      <List mode="card" header={item.number}>
        <List.Item
          extra={
            <>
              <PhonePriorityTag priority={item.priority} /> <PhoneStatusTag status={item.status} />
            </>
          }
        >
          {categoryName(item.category, lang)}
        </List.Item>
        {item.description ? (
          <List.Item description={item.address || item.areaName}>{item.description}</List.Item>
        ) : (
          <List.Item>{item.areaName}</List.Item>
        )}
        {item.rating && <List.Item>{t('phone.yourRating', { rating: code('rating', item.rating) })}</List.Item>}
      </List>
      {user.role !== 'resident' && <CaseSite item={item} />}
      <PhoneCaseActions item={item} onChanged={replace} />
      {/* staff record a return visit from the console, where the call is taken */}
      {user.role === 'resident' && item.allowedActions.includes('rate') && (
        <RatingForm caseId={item.id} onRated={replace} />
      )}
      <List mode="card" header={t('case.timeline')}>
        <List.Item>
          <PhoneTimeline entries={timeline} view={item.view} />
        </List.Item>
      </List>
    </>
  );
}
