import { format, type Locale, type Message } from './i18n.js';

/**
 * A failure the caller can act on. Domain code throws these with a stable code; the HTTP layer alone
 * turns them into a status and a message in the caller's language.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly text: Message,
    public readonly options: { field?: string; params?: Record<string, unknown>; details?: unknown } = {},
  ) {
    super(`${code}: ${text.en}`);
  }

  /** Parameters may themselves be bilingual ({ 'zh-CN', en }), e.g. the reason a password was refused. */
  localized(locale: Locale): string {
    const params: Record<string, unknown> = { field: this.options.field };
    for (const [k, v] of Object.entries(this.options.params ?? {})) {
      params[k] = v && typeof v === 'object' && 'en' in v ? (v as Message)[locale] : v;
    }
    return format(this.text[locale], params);
  }
}

/** Defines a module's errors in one place: code, status and both languages' wording. */
export function defineErrors<K extends string>(
  defs: Record<K, { code: string; status: number } & Message>,
): Record<K, (options?: AppError['options']) => AppError> {
  const out = {} as Record<K, (options?: AppError['options']) => AppError>;
  for (const key of Object.keys(defs) as K[]) {
    const d = defs[key];
    out[key] = (options = {}) => new AppError(d.code, d.status, { 'zh-CN': d['zh-CN'], en: d.en }, options);
  }
  return out;
}

export const coreErrors = defineErrors({
  unauthenticated: { code: 'auth.unauthenticated', status: 401, 'zh-CN': '请先登录', en: 'Please sign in first' },
  forbidden: { code: 'auth.forbidden', status: 403, 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  passwordChangeRequired: {
    code: 'auth.password_change_required',
    status: 403,
    'zh-CN': '首次登录请先修改密码',
    en: 'Please change your one-time password first',
  },
  outOfScope: {
    code: 'auth.out_of_scope',
    status: 403,
    'zh-CN': '该数据不在您的管辖范围内',
    en: 'This record is outside your data scope',
  },
  notFound: { code: 'core.not_found', status: 404, 'zh-CN': '未找到', en: 'Not found' },
  invalid: {
    code: 'validation.invalid',
    status: 400,
    'zh-CN': '字段 {field} 无效：{reason}',
    en: 'Field {field} is invalid: {reason}',
  },
  unreadableSpreadsheet: {
    code: 'core.unreadable_spreadsheet',
    status: 400,
    'zh-CN': '字段 {field} 无效：表格第 {line} 行（列 {column}）无法读取，请检查引号和格式后重新上传',
    en: 'Field {field} is invalid: row {line} (column {column}) of the spreadsheet cannot be read; check its quotes and format and upload it again',
  },
  crossSite: {
    code: 'auth.cross_site',
    status: 403,
    'zh-CN': '已拒绝来自其他网站的请求（{field}），请在本系统的页面上操作',
    en: 'Refused a request sent from another site ({field}); please use this system’s own pages',
  },
  unsupportedMediaType: {
    code: 'validation.media_type',
    status: 415,
    'zh-CN': '字段 {field} 无效：应为 {expected}',
    en: 'Field {field} is invalid: expected {expected}',
  },
  tooLarge: { code: 'core.too_large', status: 413, 'zh-CN': '请求内容过大', en: 'Request body is too large' },
  rateLimited: { code: 'core.rate_limited', status: 429, 'zh-CN': '请求过于频繁', en: 'Too many requests' },
  internal: {
    code: 'core.internal',
    status: 500,
    'zh-CN': '服务器内部错误，请稍后再试',
    en: 'Internal error, please try again later',
  },
  notReady: { code: 'core.not_ready', status: 503, 'zh-CN': '服务尚未就绪', en: 'Service is not ready' },
});
