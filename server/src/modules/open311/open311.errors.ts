import { defineErrors } from '../../core/errors.js';

/** GeoReport v2 answers a missing or unknown key with 403, and an unknown service or request with 404. */
export const open311Errors = defineErrors({
  badApiKey: {
    code: 'open311.bad_api_key',
    status: 403,
    'zh-CN': '字段 {field} 无效：缺少 api_key 或 api_key 无效',
    en: 'Field {field} is invalid: the api_key is missing or not valid',
  },
  unknownService: {
    code: 'open311.unknown_service',
    status: 404,
    'zh-CN': '字段 {field} 无效：服务 {code} 不存在或已停用',
    en: 'Field {field} is invalid: service {code} does not exist or is inactive',
  },
  unknownRequest: {
    code: 'open311.unknown_request',
    status: 404,
    'zh-CN': '字段 {field} 无效：服务请求不存在',
    en: 'Field {field} is invalid: no such service request',
  },
});
