import { defineErrors } from '../../core/errors.js';

export const geoErrors = defineErrors({
  regionNotFound: {
    code: 'geo.region_not_found',
    status: 404,
    'zh-CN': '区划 {code} 不存在',
    en: 'Region {code} does not exist',
  },
  unknownRegion: {
    code: 'geo.unknown_region',
    status: 400,
    'zh-CN': '字段 {field} 无效：区划编码 {code} 不存在',
    en: 'Field {field} is invalid: region code {code} does not exist',
  },
  gridNotFound: {
    code: 'geo.grid_not_found',
    status: 404,
    'zh-CN': '网格 {code} 不存在',
    en: 'Grid {code} does not exist',
  },
  unknownCommunity: {
    code: 'geo.unknown_community',
    status: 400,
    'zh-CN': '字段 {field} 无效：网格编码的前 12 位 {code} 不是已知的社区/村',
    en: 'Field {field} is invalid: the first 12 digits {code} are not a known community or village',
  },
  duplicateGrid: {
    code: 'geo.duplicate_grid',
    status: 400,
    'zh-CN': '字段 {field} 无效：网格编码 {code} 在文件中重复',
    en: 'Field {field} is invalid: grid code {code} appears more than once',
  },
  unknownCompound: {
    code: 'geo.unknown_compound',
    status: 400,
    'zh-CN': '字段 {field} 无效：{code} 不是网格所属社区 {community} 下的村/小区',
    en: 'Field {field} is invalid: {code} is not a village or compound of the grid’s community {community}',
  },
  duplicateGridName: {
    code: 'geo.duplicate_grid_name',
    status: 400,
    'zh-CN': '字段 {field} 无效：社区 {community} 的网格名称“{name}”在文件中重复，四至无法分辨',
    en: 'Field {field} is invalid: grid name “{name}” appears more than once for community {community}, which makes 四至 ambiguous',
  },
  gridNameTaken: {
    code: 'geo.grid_name_taken',
    status: 409,
    'zh-CN': '字段 {field} 无效：社区 {community} 已有名为“{name}”的网格（{code}），同一社区的网格名称不能重复',
    en: 'Field {field} is invalid: community {community} already has a grid named “{name}” ({code}); grid names are unique within a community',
  },
  unknownMergeTarget: {
    code: 'geo.unknown_merge_target',
    status: 400,
    'zh-CN': '字段 {field} 无效：合并目标网格 {code} 不存在',
    en: 'Field {field} is invalid: merge target grid {code} does not exist',
  },
  noCjkFont: {
    code: 'geo.no_cjk_font',
    status: 503,
    'zh-CN': '服务器缺少中文字体（{path}），无法生成海报：请安装 fonts-noto-cjk 或设置 CJK_FONT',
    en: 'No Chinese font on the server ({path}) to print the poster: install fonts-noto-cjk or set CJK_FONT',
  },
  removalUnconfirmed: {
    code: 'geo.removal_unconfirmed',
    status: 409,
    'zh-CN': '网格导入未执行：文件中缺少现有的 {count} 个网格（{grids}），导入将删除它们；确认删除请设置 {field}',
    en: 'Grid import not applied: the file leaves out {count} existing grid(s) ({grids}), which the import would delete; set {field} to confirm',
  },
  importRejected: {
    code: 'geo.import_rejected',
    status: 400,
    'zh-CN': '网格导入未执行：发现 {count} 处问题（几何无效、重叠、缝隙或超出所属区域），未做任何修改',
    en: 'Grid import not applied: {count} problem(s) found (invalid geometry, overlaps, gaps or grids outside their area); nothing was changed',
  },
});
