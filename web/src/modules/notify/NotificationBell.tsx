import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Popover } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { EmptyState } from '../../core/query';
import { CaseDrawer } from '../cases/CaseDrawer';
import { formatTime } from '../cases/caseText';
import { useCaseDetail } from '../cases/useCaseDetail';
import { useOrgs } from '../cases/useOrgs';
import { caseOf, type Message, messageTitle } from './api';
import { type Notifications, useNotifications } from './useNotifications';
import './notify.css';

function MessageList({ inbox, onOpen }: { inbox: Notifications; onOpen: (message: Message) => void }) {
  const { t, lang } = useT();
  if (inbox.items.length === 0) return <EmptyState description={t('notify.empty')} />;
  return (
    <ul className="sz-messages" data-testid="notify-list">
      {inbox.items.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            className={m.read ? 'sz-message' : 'sz-message sz-message--unread'}
            onClick={() => onOpen(m)}
          >
            <span>{messageTitle(m, lang)}</span>
            <span className="sz-message-time">{formatTime(m.at, lang)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The header's bell: unread count, the latest messages, a toast for each new one; a case message opens the case. */
export function NotificationBell() {
  const { t, lang } = useT();
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const [caseId, setCaseId] = useState<number | null>(null);
  const [detail, replaceDetail] = useCaseDetail(caseId);
  const orgs = useOrgs();
  const inbox = useNotifications((m) =>
    notification.info({ title: messageTitle(m, lang), icon: <BellOutlined />, placement: 'topRight' }),
  );

  function openMessage(message: Message) {
    inbox.read(message);
    const id = caseOf(message);
    if (id === null) return;
    setOpen(false);
    setCaseId(id);
  }

  return (
    <>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        placement="bottomRight"
        title={t('notify.title')}
        content={<MessageList inbox={inbox} onOpen={openMessage} />}
      >
        <Badge count={inbox.unread} size="small" data-testid="notify-badge">
          <Button type="text" icon={<BellOutlined />} aria-label={t('notify.title')} data-testid="notify-bell" />
        </Badge>
      </Popover>
      <CaseDrawer state={detail} orgs={orgs} onChanged={replaceDetail} onClose={() => setCaseId(null)} />
    </>
  );
}
