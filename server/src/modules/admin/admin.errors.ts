import { defineErrors } from '../../core/errors.js';

export const adminErrors = defineErrors({
  noDeadLetter: {
    code: 'admin.no_dead_letter',
    status: 404,
    'zh-CN': '没有可重试的失败投递',
    en: 'There is no failed delivery to retry',
  },
});
