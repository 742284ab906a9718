import { Button, List, Tag } from 'antd-mobile';
import { useT } from '../../../core/i18n';
import { formatTime } from '../../cases/caseText';
import type { Outbox } from './useOutbox';

/** The reports waiting for a connection (待发送), and any the server refused, which only their maker can drop. */
export function OutboxList({ outbox }: { outbox: Outbox }) {
  const { t, lang } = useT();
  if (outbox.items.length === 0) return null;
  return (
    <List header={t('outbox.title', { count: outbox.items.length })} mode="card" data-testid="outbox">
      {outbox.items.map((r) => (
        <List.Item
          key={r.key}
          data-testid="outbox-item"
          title={`${formatTime(r.savedAt, lang)} · ${t('outbox.photos', { count: r.media.length })}`}
          description={r.error}
          extra={
            r.error ? (
              <Button size="mini" color="danger" fill="outline" onClick={() => outbox.remove(r.key)}>
                {t('outbox.delete')}
              </Button>
            ) : (
              <Tag color="warning" fill="outline">
                {t('outbox.queued')}
              </Tag>
            )
          }
        >
          <span className="sz-phone-ellipsis">{r.input.description}</span>
        </List.Item>
      ))}
    </List>
  );
}
