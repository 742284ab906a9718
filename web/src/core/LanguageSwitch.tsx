import { Segmented } from 'antd';
import type { Lang } from './i18n';
import { useT } from './i18n';

export function LanguageSwitch() {
  const { t, lang, setLang } = useT();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en' },
      ]}
    />
  );
}
