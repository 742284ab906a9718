import { defineErrors } from '../../core/errors.js';

export const identityErrors = defineErrors({
  badPhone: {
    code: 'identity.bad_phone',
    status: 400,
    'zh-CN': '字段 {field} 无效：请输入 11 位手机号码',
    en: 'Field {field} is invalid: enter an 11-digit mainland mobile number',
  },
  codeTooSoon: {
    code: 'identity.code_too_soon',
    status: 429,
    'zh-CN': '验证码已发送，请 {seconds} 秒后再试',
    en: 'A code was just sent; try again in {seconds} seconds',
  },
  tooManyCodes: {
    code: 'identity.too_many_codes',
    status: 429,
    'zh-CN': '获取验证码过于频繁，请 {minutes} 分钟后再试',
    en: 'Too many codes asked for; try again in {minutes} minutes',
  },
  badCode: {
    code: 'identity.bad_code',
    status: 400,
    'zh-CN': '字段 {field} 无效：验证码错误或已过期，请重新获取',
    en: 'Field {field} is invalid: the code is wrong or has expired; ask for a new one',
  },
  smsFailed: {
    code: 'identity.sms_failed',
    status: 503,
    'zh-CN': '短信发送失败，请稍后再试',
    en: 'The text could not be sent; try again shortly',
  },
  badCredentials: {
    code: 'identity.bad_credentials',
    status: 401,
    'zh-CN': '用户名或密码错误',
    en: 'Wrong username or password',
  },
  locked: {
    code: 'identity.locked',
    status: 423,
    'zh-CN': '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed attempts; the account is locked, try again in {minutes} minutes',
  },
  wrongCurrentPassword: {
    code: 'identity.wrong_current_password',
    status: 400,
    'zh-CN': '字段 {field} 无效：当前密码不正确',
    en: 'Field {field} is invalid: the current password is wrong',
  },
  weakPassword: {
    code: 'identity.weak_password',
    status: 400,
    'zh-CN': '字段 {field} 无效：{reason}',
    en: 'Field {field} is invalid: {reason}',
  },
  usernameTaken: {
    code: 'identity.username_taken',
    status: 409,
    'zh-CN': '字段 {field} 无效：用户名 {username} 已被使用',
    en: 'Field {field} is invalid: username {username} is taken',
  },
  unknownScope: {
    code: 'identity.unknown_scope',
    status: 400,
    'zh-CN': '字段 {field} 无效：{code} 不是已知的区划或网格编码',
    en: 'Field {field} is invalid: {code} is not a known region or grid code',
  },
  orgRequired: {
    code: 'identity.org_required',
    status: 400,
    'zh-CN': '字段 {field} 无效：部门工作人员须指定所属部门',
    en: 'Field {field} is invalid: department staff need the department they act for',
  },
  unknownOrg: {
    code: 'identity.unknown_org',
    status: 400,
    'zh-CN': '字段 {field} 无效：部门 {code} 不存在',
    en: 'Field {field} is invalid: org {code} does not exist',
  },
  userNotFound: { code: 'identity.user_not_found', status: 404, 'zh-CN': '用户不存在', en: 'User not found' },
  roleNotGrantable: {
    code: 'identity.role_not_grantable',
    status: 403,
    'zh-CN': '字段 {field} 无效：您不能授予“{role}”角色，只能授予不高于您的角色',
    en: 'Field {field} is invalid: you may not give the role {role}, only roles not above your own',
  },
  scopeNotGrantable: {
    code: 'identity.scope_not_grantable',
    status: 403,
    'zh-CN': '字段 {field} 无效：{area}不在您的管辖范围内',
    en: 'Field {field} is invalid: {area} is outside your scope',
  },
  userNotManageable: {
    code: 'identity.user_not_manageable',
    status: 403,
    'zh-CN': '您不能管理“{role}”角色的账号',
    en: 'You may not manage the account of a {role}',
  },
  selfLockout: {
    code: 'identity.self_lockout',
    status: 403,
    'zh-CN': '字段 {field} 无效：不能停用自己的账号，也不能更改自己的角色或管辖范围',
    en: 'Field {field} is invalid: you cannot disable your own account or change your own role or scope',
  },
  selfReset: {
    code: 'identity.self_reset',
    status: 403,
    'zh-CN': '不能为自己重置密码，请在个人菜单中修改密码',
    en: 'You cannot reset your own password; change it from your user menu instead',
  },
  lastAdministrator: {
    code: 'identity.last_administrator',
    status: 409,
    'zh-CN': '字段 {field} 无效：{username} 是最后一个启用的区级管理员，停用或改变其角色后将无人能够管理账号',
    en: 'Field {field} is invalid: {username} is the last enabled district administrator; without them nobody could manage accounts',
  },
});

export const PASSWORD_REASONS = {
  too_short: { 'zh-CN': '密码至少 10 位', en: 'at least 10 characters' },
  too_long: { 'zh-CN': '密码最多 128 位', en: 'at most 128 characters' },
  same_as_username: { 'zh-CN': '密码不能包含用户名', en: 'must not contain the username' },
  too_simple: { 'zh-CN': '密码过于简单（至少 5 种不同字符）', en: 'too simple (at least 5 different characters)' },
} as const;
