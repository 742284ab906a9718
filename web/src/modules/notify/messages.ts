/** Wording of the notify module, zh-CN (the default) and en. */
const zhCN = {
  'notify.title': '消息',
  'notify.empty': '暂无消息',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'notify.title': 'Messages',
  'notify.empty': 'No messages',
};

export const messages = { 'zh-CN': zhCN, en };
