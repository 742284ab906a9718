import { Button, List, Tag } from 'antd-mobile';
import { useT } from '../../../core/i18n';
import { formatTime } from '../../cases/caseText';
import type { PendingVisit } from './doorstepStore';
import { HOUSEHOLD_CHANGED, unitName } from './doorstepText';
import type { ShownBook } from './shownBook';
import { placeOf } from './shownBook';

interface Props {
  visits: PendingVisit[];
  book: ShownBook;
  onRedo: (visit: PendingVisit) => void;
  onRemove: (key: string) => void;
}

/** The visits still on the phone (待发送), and any the server refused, which only their maker can redo or drop. */
export function VisitOutbox({ visits, book, onRedo, onRemove }: Props) {
  const { t, lang } = useT();
  if (visits.length === 0) return null;
  return (
    <List header={t('doorstep.outbox', { count: visits.length })} mode="card" data-testid="doorstep-outbox">
      {visits.map((v) => {
        const place = placeOf(book, v.householdId);
        const changed = v.errorCode === HOUSEHOLD_CHANGED;
        return (
          <List.Item
            key={v.key}
            data-testid="doorstep-outbox-item"
            title={formatTime(v.input.recordedAt, lang)}
            description={
              v.error && (
                <>
                  <div className="sz-phone-error-text">{changed ? t('doorstep.changed') : v.error}</div>
                  <div className="sz-phone-row-buttons">
                    <Button size="mini" color="primary" fill="outline" onClick={() => onRedo(v)}>
                      {t(changed ? 'doorstep.redo' : 'doorstep.edit')}
                    </Button>
                    <Button size="mini" color="danger" fill="outline" onClick={() => onRemove(v.key)}>
                      {t('doorstep.delete')}
                    </Button>
                  </div>
                </>
              )
            }
            extra={
              <Tag color={v.error ? 'danger' : 'warning'} fill="outline">
                {t(v.error ? 'doorstep.refused' : 'doorstep.waiting')}
              </Tag>
            }
          >
            {place
              ? `${place.building.name} · ${unitName(place.unit.name, t)} · ${place.household.room}`
              : t('doorstep.unknownHousehold')}
          </List.Item>
        );
      })}
    </List>
  );
}
