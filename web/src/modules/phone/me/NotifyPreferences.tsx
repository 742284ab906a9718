import { Input, List, NoticeBar, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../../core/api';
import { type MessageKey, useT } from '../../../core/i18n';
import { useInvalidate, useLoad } from '../../../core/query';
import { channelsOf, fetchPreferences, type Preferences, savePreferences } from '../../notify/preferences';

/** Names of the channels this page knows; one the server adds later shows under its own key until it is named. */
const CHANNEL_NAMES: Record<string, MessageKey> = { sms: 'me.channelSms', wechat: 'me.channelWechat' };

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (value: string) => {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * How messages reach the resident: always in the app, and on each channel the server offers, switched one by one;
 * quiet hours hold back everything but fire alerts.
 */
export function NotifyPreferences() {
  const { t } = useT();
  const invalidate = useInvalidate();
  const prefs = useLoad(['notify', 'preferences'], true, fetchPreferences);
  // what the resident just chose shows at once; the server's answer replaces it, a refusal puts the saved one back
  const [chosen, setChosen] = useState<Preferences>();

  async function save(next: Preferences) {
    setChosen(next);
    try {
      setChosen(await savePreferences(next));
      Toast.show({ content: t('me.saved') });
    } catch (err) {
      setChosen(undefined);
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
    await invalidate(['notify', 'preferences']);
  }

  if (prefs.status === 'failed') return <NoticeBar content={prefs.message} color="error" wrap />;
  if (prefs.status !== 'ready') return null;
  const p = chosen ?? prefs.value;
  const quietSame = p.quietFrom === p.quietTo;
  // a time is saved once the picker is left, not at every turn of its wheel; an emptied one keeps the saved time
  const quiet = (key: 'quietFrom' | 'quietTo', value: string) => {
    if (value && minutesOf(value) !== p[key]) void save({ ...p, [key]: minutesOf(value) });
  };

  return (
    <List mode="card" header={t('me.notifications')} data-testid="me-notify" key={`${p.quietFrom}-${p.quietTo}`}>
      <List.Item extra={<Switch checked disabled />} description={t('me.channelAppHint')}>
        {t('me.channelApp')}
      </List.Item>
      {channelsOf(p).map(({ key, on }) => (
        <List.Item
          key={key}
          extra={
            <Switch checked={on} onChange={(v) => void save({ ...p, [key]: v })} data-testid={`me-channel-${key}`} />
          }
        >
          {CHANNEL_NAMES[key] ? t(CHANNEL_NAMES[key]) : key}
        </List.Item>
      ))}
      <List.Item
        extra={
          <Input
            className="sz-phone-time"
            type="time"
            defaultValue={hhmm(p.quietFrom)}
            onBlur={(e) => quiet('quietFrom', e.target.value)}
            data-testid="me-quiet-from"
          />
        }
      >
        {t('me.quietFrom')}
      </List.Item>
      <List.Item
        description={quietSame ? t('me.quietNone') : t('me.quietHint')}
        extra={
          <Input
            className="sz-phone-time"
            type="time"
            defaultValue={hhmm(p.quietTo)}
            onBlur={(e) => quiet('quietTo', e.target.value)}
            data-testid="me-quiet-to"
          />
        }
      >
        {t('me.quietTo')}
      </List.Item>
    </List>
  );
}
