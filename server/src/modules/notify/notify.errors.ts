import { defineErrors } from '../../core/errors.js';

export const notifyErrors = defineErrors({
  notFound: { code: 'notify.not_found', status: 404, 'zh-CN': '消息不存在', en: 'Message not found' },
});
