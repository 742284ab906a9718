import { Button, Dialog, List, NoticeBar, Switch, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';

interface Binding {
  bound: boolean;
  boundAt: string | null;
  gateway: 'dev' | 'mp';
  authorizeUrl: string;
}

interface Preferences {
  sms: boolean;
  wechat: boolean;
  quietFrom: number;
  quietTo: number;
}

const STATE_KEY = 'sz-wechat-state';

const callback = new URLSearchParams(location.search);

/**
 * WeChat's authorisation came back to this page (`/m?wechat=bind&code=…&state=…`): the home opens 我的, where this
 * component finishes the binding.
 */
export const wechatCallbackPending = callback.get('wechat') === 'bind' && callback.has('code');

/** The phone's own random value for this binding, kept for the tab's life so WeChat's answer can be matched to it. */
function stateForThisTab(): string {
  const kept = sessionStorage.getItem(STATE_KEY);
  if (kept) return kept;
  const made = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  sessionStorage.setItem(STATE_KEY, made);
  return made;
}

/**
 * 微信提醒: binds the person's WeChat through WeChat's web authorisation (on a development machine a stand-in comes
 * straight back with a made-up code), lets them unbind it, and turns notices by WeChat on or off. A callback whose
 * state is not the one this tab sent is refused, so a link made by someone else can never bind their WeChat to this
 * account and read its notices.
 */
export function WechatBinding() {
  const { t, lang } = useT();
  const [binding, setBinding] = useState<Binding>();
  const [prefs, setPrefs] = useState<Preferences>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();

  const reload = useCallback(async () => {
    const state = stateForThisTab();
    const [b, p] = await Promise.all([
      api<Binding>('GET', `/api/identity/wechat-binding?state=${state}`),
      api<Preferences>('GET', '/api/notify/preferences'),
    ]);
    setBinding(b);
    setPrefs(p);
  }, []);

  useEffect(() => {
    const finish = async () => {
      if (wechatCallbackPending) {
        const code = callback.get('code') as string;
        const matches = callback.get('state') === sessionStorage.getItem(STATE_KEY);
        // the code is spent either way: it leaves the address bar (and the history) at once
        history.replaceState(null, '', '/m');
        if (!matches) throw new Error(t('wechat.stateMismatch'));
        await api('POST', '/api/identity/wechat-binding', { code });
        sessionStorage.removeItem(STATE_KEY);
        Toast.show({ icon: 'success', content: t('wechat.bound') });
      }
    };
    finish()
      .catch((err) => setFailed(errorMessage(err)))
      .then(reload)
      .catch((err) => setFailed(errorMessage(err)));
  }, [reload, t]);

  async function unbind() {
    const confirmed = await Dialog.confirm({
      content: t('wechat.unbindConfirm'),
      confirmText: t('wechat.unbind'),
      cancelText: t('wechat.keep'),
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      await api('DELETE', '/api/identity/wechat-binding');
      await reload();
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  async function choose(wechat: boolean) {
    if (!prefs) return;
    setBusy(true);
    try {
      setPrefs(await api<Preferences>('PUT', '/api/notify/preferences', { ...prefs, wechat }));
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const since = binding?.boundAt
    ? new Date(binding.boundAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })
    : undefined;
  return (
    <>
      <div className="sz-phone-section-title">{t('wechat.title')}</div>
      {failed && <NoticeBar content={failed} color="alert" wrap />}
      {binding?.gateway === 'dev' && <NoticeBar content={t('wechat.devHint')} color="info" wrap />}
      <List mode="card" data-testid="wechat-binding">
        <List.Item
          extra={
            binding === undefined ? null : binding.bound ? (
              <Tag color="success" data-testid="wechat-state">
                {t('wechat.boundSince', { date: since ?? '' })}
              </Tag>
            ) : (
              <Tag data-testid="wechat-state">{t('wechat.notBound')}</Tag>
            )
          }
          description={t('wechat.hint')}
        >
          {t('wechat.account')}
        </List.Item>
        {binding?.bound && prefs && (
          <List.Item
            extra={
              <Switch
                checked={prefs.wechat}
                loading={busy}
                onChange={(on) => void choose(on)}
                data-testid="wechat-notices"
              />
            }
            description={t('wechat.noticesHint')}
          >
            {t('wechat.notices')}
          </List.Item>
        )}
      </List>
      {binding && (
        <div className="sz-phone-actions">
          {binding.bound ? (
            <Button block loading={busy} onClick={() => void unbind()} data-testid="wechat-unbind">
              {t('wechat.unbind')}
            </Button>
          ) : (
            <Button
              block
              color="success"
              onClick={() => location.assign(binding.authorizeUrl)}
              data-testid="wechat-bind"
            >
              {t('wechat.bind')}
            </Button>
          )}
        </div>
      )}
    </>
  );
}
