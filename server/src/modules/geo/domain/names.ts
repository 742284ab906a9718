/** "雨花社区居委会" → "雨花社区", "花神庙村村委会" → "花神庙村", "翠竹园居委会" → "翠竹园社区". */
export function shortCommunityName(name: string): string {
  if (name.endsWith('村委会')) {
    const stem = name.slice(0, -3);
    return stem.endsWith('村') ? stem : `${stem}村`;
  }
  for (const suffix of ['社区居委会', '社区居民委员会', '居民委员会', '居委会']) {
    if (name.endsWith(suffix)) {
      const stem = name.slice(0, -suffix.length);
      return stem.endsWith('社区') ? stem : `${stem}社区`;
    }
  }
  return name;
}

// Synthetic people for the demo only: common surnames and given-name characters, combined at random.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志明海燕小红春梅文杰晓东丹俊峰';

export function syntheticName(rng: () => number): string {
  const pick = (s: string) => s[Math.floor(rng() * s.length)] as string;
  return pick(SURNAMES) + pick(GIVEN) + (rng() < 0.6 ? pick(GIVEN) : '');
}

// Synthetic villages and compounds for the demo's fourth level, where no public list names them.
const COMPOUND_STEMS =
  '桃园 龙山 泰西 凤山 金桃 阳光 和谐 幸福 翠苑 锦绣 康汇 盛世 新华 文化 春秋 佳园 丰华 嘉和 御景 书香 温馨 怡然 瑞祥 长安 明珠 时代 福苑 华府 东方 城南 汶河 康王 牛山 陶山 桃源 馨园 富源 泰和 玉都 青云 金泰 兴隆 恒安 安居 鑫苑 春晖 清华 育才 建设 光明'.split(
    ' ',
  );
const COMPOUND_ENDINGS = ['小区', '花园', '家园', '新村', '苑'];
const VILLAGE_ENDINGS = ['庄', '家庄', '楼', '屯', '店', '洼', '峪'];

/**
 * `count` names for a community's villages or compounds: the known ones first, then made-up ones none of `taken` has,
 * each added to `taken` so that no two in a district share one.
 */
export function compoundNames(
  rng: () => number,
  kind: 'village' | 'compound',
  count: number,
  taken: Set<string>,
  known: string[],
): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)] as T;
  const names: string[] = [];
  for (const name of known.slice(0, count)) {
    names.push(name);
    taken.add(name);
  }
  while (names.length < count) {
    const name =
      kind === 'village'
        ? `${pick([...SURNAMES])}${pick(VILLAGE_ENDINGS)}村`
        : `${pick(COMPOUND_STEMS)}${pick(COMPOUND_ENDINGS)}`;
    if (taken.has(name)) continue;
    names.push(name);
    taken.add(name);
  }
  return names;
}
