import { BellOutlined } from '@ant-design/icons';
import { Badge, Empty, List, Popup } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { formatTime } from '../cases/caseText';
import { caseOf, type Message, messageTitle } from '../notify/api';
import type { Notifications } from '../notify/useNotifications';

/** The bell in the title bar: unread count, and the messages in a sheet; a case message opens the case. */
export function PhoneBell({ inbox, onOpenCase }: { inbox: Notifications; onOpenCase: (id: number) => void }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);

  function pick(message: Message) {
    inbox.read(message);
    const id = caseOf(message);
    if (id === null) return;
    setOpen(false);
    onOpenCase(id);
  }

  return (
    <>
      <button
        type="button"
        className="sz-phone-bell"
        aria-label={t('notify.title')}
        onClick={() => setOpen(true)}
        data-testid="notify-bell"
      >
        <Badge content={inbox.unread || null} data-testid="notify-badge">
          <BellOutlined />
        </Badge>
      </button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyStyle={{ maxHeight: '70vh', overflowY: 'auto' }}>
        {inbox.items.length === 0 ? (
          <Empty description={t('notify.empty')} />
        ) : (
          <List header={t('notify.title')} data-testid="notify-list">
            {inbox.items.map((m) => (
              <List.Item
                key={m.id}
                onClick={() => pick(m)}
                description={formatTime(m.at, lang)}
                className={m.read ? undefined : 'sz-phone-unread'}
              >
                {messageTitle(m, lang)}
              </List.Item>
            ))}
          </List>
        )}
      </Popup>
    </>
  );
}
