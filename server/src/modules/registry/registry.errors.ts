import { defineErrors } from '../../core/errors.js';

export const registryErrors = defineErrors({
  badIdNumber: {
    code: 'registry.bad_id_number',
    status: 400,
    'zh-CN': '字段 {field} 无效：身份证号{reason}',
    en: 'Field {field} is invalid: the ID number {reason}',
  },
  tagContradictsAge: {
    code: 'registry.tag_contradicts_age',
    status: 400,
    'zh-CN': '字段 {field} 无效：该标签与身份证号中的出生日期不符（老年人、未成年人按出生日期自动标注）',
    en: 'Field {field} is invalid: the tag contradicts the birth date in the ID number (elderly and minor follow from it)',
  },
  derivedTag: {
    code: 'registry.derived_tag',
    status: 400,
    'zh-CN': '字段 {field} 无效：老年人、未成年人按身份证号中的出生日期自动标注，不能手工添加或删除',
    en: 'Field {field} is invalid: elderly and minor follow from the birth date in the ID number and cannot be set or removed by hand',
  },
  duplicatePerson: {
    code: 'registry.duplicate_person',
    status: 409,
    'zh-CN': '字段 {field} 无效：该身份证号已登记',
    en: 'Field {field} is invalid: a person with this ID number is already registered',
  },
  outsideGrids: {
    code: 'registry.outside_grids',
    status: 400,
    'zh-CN': '字段 {field} 无效：楼栋不在任何网格内',
    en: 'Field {field} is invalid: the building lies outside every grid',
  },
  invalidFootprint: {
    code: 'registry.invalid_footprint',
    status: 400,
    'zh-CN': '字段 {field} 无效：楼栋轮廓自相交或退化（面积为零）',
    en: 'Field {field} is invalid: the footprint crosses itself or has no area',
  },
  badImportFile: {
    code: 'registry.bad_import_file',
    status: 400,
    'zh-CN': '字段 {field} 无效：请上传 .xlsx 或 .csv 文件',
    en: 'Field {field} is invalid: upload an .xlsx or .csv file',
  },
  badCreditCode: {
    code: 'registry.bad_credit_code',
    status: 400,
    'zh-CN': '字段 {field} 无效：统一社会信用代码{reason}',
    en: 'Field {field} is invalid: the unified social credit code {reason}',
  },
  pointOutsideGrids: {
    code: 'registry.point_outside_grids',
    status: 400,
    'zh-CN': '字段 {field} 无效：该位置不在任何网格内',
    en: 'Field {field} is invalid: the point lies outside every grid',
  },
  unknownRegion: {
    code: 'registry.unknown_region',
    status: 400,
    'zh-CN': '字段 {field} 无效：没有代码为 {code} 的区划或网格',
    en: 'Field {field} is invalid: no region or grid has the code {code}',
  },
  notFound: { code: 'registry.not_found', status: 404, 'zh-CN': '记录不存在', en: 'Record not found' },
  duplicateHousehold: {
    code: 'registry.duplicate_household',
    status: 409,
    'zh-CN': '字段 {field} 无效：该楼栋已有此单元和房号',
    en: 'Field {field} is invalid: this building already has that unit and room',
  },
  householdChanged: {
    code: 'registry.household_changed',
    status: 409,
    'zh-CN': '字段 {field} 无效：您离线期间该房屋已被他人更新（现为第 {version} 版），请刷新后核对再提交',
    en: 'Field {field} is invalid: someone updated this household while you were offline (now version {version}); refresh, check and send again',
  },
  bookTooLarge: {
    code: 'registry.book_too_large',
    status: 422,
    'zh-CN': '字段 {field} 无效：该区域有 {count} 户，超过手机台账上限 {max} 户，请选择网格',
    en: 'Field {field} is invalid: the area has {count} households, more than the {max} a phone book holds; choose a grid',
  },
  keyReused: {
    code: 'registry.key_reused',
    status: 409,
    'zh-CN': '字段 {field} 无效：该幂等键已用于另一户的走访',
    en: 'Field {field} is invalid: this key was already used for a visit to another household',
  },
});

export const CREDIT_CODE_REASONS = {
  format: {
    'zh-CN': '应为 18 位数字或大写字母（不含 I、O、S、V、Z），第 3–8 位为区划代码',
    en: 'must be 18 digits or capital letters (no I, O, S, V, Z) with a division code in places 3–8',
  },
  check_character: { 'zh-CN': '校验码错误（GB 32100）', en: 'has a wrong check character (GB 32100)' },
} as const;
