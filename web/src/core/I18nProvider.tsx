import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { setApiLang } from './api';
import { I18nContext, type Lang, makeTranslator, storedLang, storeLang } from './i18n';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(storedLang);
  // Set during render, not in an effect, so the very first request already carries the right language.
  setApiLang(lang);

  useEffect(() => {
    storeLang(lang);
    document.documentElement.lang = lang;
  }, [lang]);

  const translator = useMemo(() => makeTranslator(lang, setLang), [lang]);

  return (
    <I18nContext.Provider value={translator}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c0392b' } }}>
        <AntApp component={false}>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
