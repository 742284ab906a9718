import { defineErrors } from '../../core/errors.js';

export const casesErrors = defineErrors({
  notFound: { code: 'cases.not_found', status: 404, 'zh-CN': '案件不存在', en: 'Case not found' },
  unknownCategory: {
    code: 'cases.unknown_category',
    status: 400,
    'zh-CN': '字段 {field} 无效：类别 {code} 不存在或已停用',
    en: 'Field {field} is invalid: category {code} does not exist or is inactive',
  },
  deploymentCategoryField: {
    code: 'cases.deployment_category_field',
    status: 403,
    'zh-CN': '字段 {field} 是各区共用的类别设置，只有全局管理员可以修改；区级管理员可修改本区的时限',
    en: 'Field {field} is shared by every district: only a global administrator may change it; a district sets only its own time limits',
  },
  anonymousRefused: {
    code: 'cases.anonymous_refused',
    status: 403,
    'zh-CN': '本区不受理匿名反映，请用手机号登录后反映',
    en: 'This district takes no anonymous reports: sign in with your mobile number to report',
  },
  tooManyAnonymous: {
    code: 'cases.too_many_anonymous',
    status: 429,
    'zh-CN': '匿名反映过于频繁，请 {hours} 小时后再试，或登录后反映',
    en: 'Too many anonymous reports; try again in {hours} hours, or sign in to report',
  },
  outsideGrids: {
    code: 'cases.outside_grids',
    status: 400,
    'zh-CN': '字段 {field} 无效：该位置不在任何网格内',
    en: 'Field {field} is invalid: the location is outside every grid',
  },
  illegalTransition: {
    code: 'cases.illegal_transition',
    status: 409,
    'zh-CN': '当前状态“{status}”下不能执行“{action}”',
    en: 'Cannot {action} a case that is {status}',
  },
  notYourTurn: {
    code: 'cases.not_allowed',
    status: 403,
    'zh-CN': '您不能对该案件执行“{action}”',
    en: 'You may not {action} this case',
  },
  handlerMayNotVerify: {
    code: 'cases.handler_may_not_verify',
    status: 403,
    'zh-CN': '您处置了该案件，不能自己核查；请由网格员或社区工作人员另行核查',
    en: 'You handled this case, so someone else verifies it: the grid worker or community staff',
  },
  noteRequired: {
    code: 'cases.note_required',
    status: 400,
    'zh-CN': '字段 {field} 无效：此操作须填写原因或说明',
    en: 'Field {field} is invalid: this action needs a reason or note',
  },
  missingField: {
    code: 'cases.missing_field',
    status: 400,
    'zh-CN': '字段 {field} 无效：此操作须填写该项',
    en: 'Field {field} is invalid: this action needs it',
  },
  summaryRequired: {
    code: 'cases.summary_required',
    status: 400,
    'zh-CN': '字段 {field} 无效：结案须填写处置总结的“{part}”',
    en: 'Field {field} is invalid: closing a case needs its summary’s {part}',
  },
  unknownOrg: {
    code: 'cases.unknown_org',
    status: 400,
    'zh-CN': '字段 {field} 无效：部门 {code} 不存在或不服务于该案件所在区域',
    en: 'Field {field} is invalid: org {code} does not exist or does not serve this area',
  },
  noExtensionRequested: {
    code: 'cases.no_extension_requested',
    status: 409,
    'zh-CN': '该案件没有待审批的延期申请',
    en: 'No extension has been requested for this case',
  },
  badMergeTarget: {
    code: 'cases.bad_merge_target',
    status: 400,
    'zh-CN': '字段 {field} 无效：主案件不存在、已结束或就是本案件',
    en: 'Field {field} is invalid: the master case does not exist, is finished, or is this case',
  },
  whistlePending: {
    code: 'cases.whistle_pending',
    status: 409,
    'zh-CN': '仍有被吹哨的部门未报到，牵头部门暂不能办结',
    en: 'Some whistled departments have not reported in yet; the lead cannot finish the case',
  },
  alreadyReportedIn: {
    code: 'cases.already_reported_in',
    status: 409,
    'zh-CN': '本部门已报到，或未被吹哨到该案件',
    en: 'Your department has already reported in, or was not whistled onto this case',
  },
  noPartToFinish: {
    code: 'cases.no_part_to_finish',
    status: 409,
    'zh-CN': '本部门没有待完成的分工（须先报到）',
    en: 'Your department has no part to finish (report in first)',
  },
  oneLead: {
    code: 'cases.one_lead',
    status: 400,
    'zh-CN': '字段 {field} 无效：须有且只有一个牵头部门，且部门不重复',
    en: 'Field {field} is invalid: exactly one lead and no department twice',
  },
  badMedia: {
    code: 'cases.bad_media',
    status: 400,
    'zh-CN': '字段 {field} 无效：不是可识别的照片（JPEG/PNG/WebP）或语音文件（检测到 {mime}）',
    en: 'Field {field} is invalid: not a readable photo (JPEG/PNG/WebP) or voice note (found {mime})',
  },
  mediaTooLarge: {
    code: 'cases.media_too_large',
    status: 413,
    'zh-CN': '字段 {field} 无效：照片不超过 10 MB，语音不超过 5 MB',
    en: 'Field {field} is invalid: photos up to 10 MB, voice notes up to 5 MB',
  },
  badMediaIds: {
    code: 'cases.bad_media_ids',
    status: 400,
    'zh-CN': '字段 {field} 无效：附件不存在、不是您上传的或已被使用',
    en: 'Field {field} is invalid: an attachment does not exist, is not yours, or is already used',
  },
  notFollowable: {
    code: 'cases.not_followable',
    status: 404,
    // one answer whatever the reason, so a resident far away learns nothing about the case
    'zh-CN': '字段 {field} 无效：该问题不存在、已办结，或不在您所在位置或您反映过的地点 {metres} 米内，无法关注',
    en: 'Field {field} is invalid: this case does not exist, is finished, or is not within {metres} m of where you are or of a place you reported; it cannot be followed',
  },
  concurrentChange: {
    code: 'cases.concurrent_change',
    status: 409,
    'zh-CN': '案件已被他人同时处理，请刷新后重试',
    en: 'Someone else changed this case at the same time; reload and try again',
  },
  badIdempotencyKey: {
    code: 'cases.bad_idempotency_key',
    status: 400,
    'zh-CN': '字段 {field} 无效：应为 8–128 位字母、数字或 -_',
    en: 'Field {field} is invalid: 8–128 letters, digits, - or _',
  },
  noticeUnreadable: {
    code: 'cases.notice_unreadable',
    status: 400,
    'zh-CN':
      '字段 {field} 无效：第 {lines} 行无法识别，请按通知原文粘贴（如“二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）上班。”）',
    en: 'Field {field} is invalid: line(s) {lines} could not be read; paste the notice as published',
  },
  noticeEmpty: {
    code: 'cases.notice_empty',
    status: 400,
    'zh-CN': '字段 {field} 无效：未找到任何放假安排（应有“一、元旦：……放假……”这样的条目）',
    en: 'Field {field} is invalid: no holiday items found (such as "一、元旦：……放假……")',
  },
  noticeWrongYear: {
    code: 'cases.notice_wrong_year',
    status: 400,
    'zh-CN': '字段 {field} 无效：{day} 不在 {year} 年的安排范围内，请核对年份',
    en: 'Field {field} is invalid: {day} is outside the arrangement for {year}; check the year',
  },
});
