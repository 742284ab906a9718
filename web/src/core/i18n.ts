import { createContext, useContext } from 'react';
import { WEB_MODULES } from '../modules';
import { messages as appMessages } from './messages';

export type Lang = 'zh-CN' | 'en';

type KeysOf<U> = U extends unknown ? keyof U : never;

/** Every message key, app-wide and each module's: t() with any other key is a type error. */
export type MessageKey =
  | keyof (typeof appMessages)['zh-CN']
  | KeysOf<(typeof WEB_MODULES)[number]['messages']['zh-CN']>;

function merged(lang: Lang): Record<MessageKey, string> {
  return Object.assign({}, appMessages[lang], ...WEB_MODULES.map((m) => m.messages[lang]));
}

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': merged('zh-CN'), en: merged('en') };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Families of server codes that have a translation per value. */
export type CodePrefix =
  | 'role'
  | 'gridKind'
  | 'teamRole'
  | 'orgKind'
  | 'employment'
  | 'caseStatus'
  | 'caseAction'
  | 'level'
  | 'deadline'
  | 'priority'
  | 'rating'
  | 'rootCause'
  | 'mayRecur'
  | 'box'
  | 'source'
  | 'plain'
  | 'kpiCount'
  | 'personTag'
  | 'affordable'
  | 'importStatus'
  | 'sex'
  | 'alarmSeverity'
  | 'alarmStatus'
  | 'alarmClass'
  | 'escalationStep'
  | 'iotReading'
  | 'householdUse'
  | 'auditModule'
  | 'auditAction'
  | 'auditDetail'
  | 'auditSubject'
  | 'eventType'
  | 'subscriber';

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** Translates a server code such as a role or grid kind; unknown codes are shown as they are. */
  code: (prefix: CodePrefix, value: string) => string;
  setLang: (lang: Lang) => void;
}

export function makeTranslator(lang: Lang, setLang: (lang: Lang) => void): Translator {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    code: (prefix, value) => {
      const key = `${prefix}.${value}`;
      return key in dictionaries['zh-CN'] ? translate(lang, key as MessageKey) : value;
    },
    setLang,
  };
}

const STORAGE_KEY = 'shanzhi.lang';

export function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function storeLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}

export const I18nContext = createContext<Translator | null>(null);

export function useT(): Translator {
  const translator = useContext(I18nContext);
  if (!translator) throw new Error('useT() must be used inside <I18nProvider>');
  return translator;
}
