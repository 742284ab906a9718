import { defineErrors } from '../../core/errors.js';

export const iotErrors = defineErrors({
  unknownBuilding: {
    code: 'iot.unknown_building',
    status: 400,
    'zh-CN': '楼栋不存在或不在您的管辖范围内',
    en: 'the building does not exist or is outside your area',
  },
  unknownVenue: {
    code: 'iot.unknown_venue',
    status: 400,
    'zh-CN': '场所不存在或不在您的管辖范围内',
    en: 'the venue does not exist or is outside your area',
  },
  outsideGrids: {
    code: 'iot.outside_grids',
    status: 400,
    'zh-CN': '位置不在任何网格内',
    en: 'the location is not inside any grid',
  },
  placeRequired: {
    code: 'iot.place_required',
    status: 400,
    'zh-CN': '请填写安装楼栋或位置',
    en: 'give the building or the location the device is installed at',
  },
  heatClassRequired: {
    code: 'iot.heat_class_required',
    status: 400,
    'zh-CN': '感温探测器须填写 GB 4716 类别（A1、A2、B…）',
    en: 'a heat detector needs its GB 4716 class (A1, A2, B, …)',
  },
  duplicateCode: {
    code: 'iot.duplicate_code',
    status: 409,
    'zh-CN': '设备编号 {code} 已登记',
    en: 'device code {code} is already registered',
  },
  deviceNotFound: {
    code: 'iot.device_not_found',
    status: 404,
    'zh-CN': '设备不存在',
    en: 'device not found',
  },
  alarmNotFound: {
    code: 'iot.alarm_not_found',
    status: 404,
    'zh-CN': '告警不存在',
    en: 'alarm not found',
  },
  rulesChanged: {
    code: 'iot.rules_changed',
    status: 409,
    'zh-CN': '告警规则已被他人修改（现为第 {version} 版），请刷新后重新修改',
    en: 'someone else changed the rules (now version {version}); reload them and make your change again',
  },
  alarmStateConflict: {
    code: 'iot.alarm_state_conflict',
    status: 409,
    'zh-CN': '告警当前状态不允许此操作：{reason}',
    en: 'the alarm cannot take this action now: {reason}',
  },
  notResponder: {
    code: 'iot.not_responder',
    status: 403,
    'zh-CN': '只有消防服务中心、快速处置队和属地工作人员可以消除或关闭告警',
    en: 'only a fire service centre, a rapid-response team or the area’s own staff may clear or close an alarm',
  },
  badImportFile: {
    code: 'iot.bad_import_file',
    status: 400,
    'zh-CN': '请上传 .xlsx 或 .csv 文件',
    en: 'upload an .xlsx or .csv file',
  },
  webhookNotConfigured: {
    code: 'iot.webhook_not_configured',
    status: 503,
    'zh-CN': '未配置 NB-IoT 推送密钥（IOT_WEBHOOK_SECRET）',
    en: 'the NB-IoT webhook secret (IOT_WEBHOOK_SECRET) is not configured',
  },
  badSignature: {
    code: 'iot.bad_signature',
    status: 401,
    'zh-CN': '签名校验失败',
    en: 'the signature does not match',
  },
});
