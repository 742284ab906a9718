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
