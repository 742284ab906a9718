import ExcelJS from 'exceljs';
import type { Locale } from '../../../core/i18n.js';
import { chinaDate, type computeKpis, type KpiKey } from './kpis.js';

type KpiResult = Awaited<ReturnType<typeof computeKpis>>;

const PERCENT = new Set<string>([
  'acceptRate',
  'dispatchRate',
  'closeRate',
  'onTimeRate',
  'reworkRate',
  'extensionRate',
  'satisfactionRate',
  'responseRate',
  'resolutionRate',
]);

/** The figures the trend and the rankings show: the 12345 三率 and the two closure rates. */
const BREAKDOWN: readonly KpiKey[] = ['responseRate', 'resolutionRate', 'satisfactionRate', 'closeRate', 'onTimeRate'];

const kpiColumns = (result: KpiResult, zh: boolean) =>
  BREAKDOWN.map((k) => ({ header: zh ? result.definitions[k].zh : result.definitions[k].en, key: k, width: 18 }));

function addFigures(row: ExcelJS.Row, kpis: Record<KpiKey, number | null>) {
  for (const k of BREAKDOWN) {
    const cell = row.getCell(k);
    const value = kpis[k];
    cell.value = value ?? '—';
    if (typeof value === 'number') cell.numFmt = '0.00%';
  }
}

/**
 * The KPI page as a workbook: each figure with its formula, the counts behind them, the trend, and the ranking of
 * the areas one level down and of the departments. Dates are China's calendar days, whatever the server's zone.
 */
export async function kpiWorkbook(
  result: KpiResult,
  meta: { region: string; from: Date; to: Date; locale: Locale },
): Promise<Buffer> {
  const zh = meta.locale === 'zh-CN';
  const book = new ExcelJS.Workbook();
  book.creator = '善治 Shanzhi';
  const sheet = book.addWorksheet(zh ? '考核指标' : 'KPIs');
  sheet.columns = [
    { header: zh ? '指标' : 'KPI', key: 'name', width: 28 },
    { header: zh ? '数值' : 'Value', key: 'value', width: 24 },
    { header: zh ? '计算公式' : 'Formula', key: 'formula', width: 90 },
  ];
  sheet.addRow({ name: zh ? '区域' : 'Region', value: meta.region });
  // the period's end is exclusive: its last day is the one before the instant it names
  sheet.addRow({
    name: zh ? '期间（北京时间）' : 'Period (China time)',
    value: `${chinaDate(meta.from)} – ${chinaDate(new Date(meta.to.getTime() - 1))}`,
  });
  for (const [key, value] of Object.entries(result.kpis)) {
    const def = result.definitions[key as KpiKey];
    const row = sheet.addRow({ name: zh ? def.zh : def.en, value: value ?? '—', formula: def.formula });
    if (PERCENT.has(key) && typeof value === 'number') row.getCell('value').numFmt = '0.00%';
  }
  sheet.getRow(1).font = { bold: true };

  const counts = book.addWorksheet(zh ? '基础数据' : 'Counts');
  counts.columns = [
    { header: zh ? '项目' : 'Count', key: 'k', width: 24 },
    { header: zh ? '数量' : 'Number', key: 'v', width: 12 },
  ];
  for (const [k, v] of Object.entries(result.counts)) counts.addRow({ k, v });
  counts.getRow(1).font = { bold: true };

  const trend = book.addWorksheet(zh ? '趋势' : 'Trend');
  const byWeek = result.trend.unit === 'week';
  trend.columns = [
    { header: zh ? (byWeek ? '周（起始日）' : '月份') : byWeek ? 'Week (from)' : 'Month', key: 'label', width: 16 },
    { header: zh ? '受理数' : 'Received', key: 'received', width: 10 },
    ...kpiColumns(result, zh),
  ];
  for (const p of result.trend.points) addFigures(trend.addRow({ label: p.label, received: p.received }), p.kpis);
  trend.getRow(1).font = { bold: true };

  const ranking = (name: string, rows: KpiResult['ranking']['areas']) => {
    const s = book.addWorksheet(name);
    s.columns = [
      { header: zh ? '排名' : 'Rank', key: 'rank', width: 8 },
      { header: zh ? '名称' : 'Name', key: 'name', width: 28 },
      { header: zh ? '代码' : 'Code', key: 'code', width: 18 },
      { header: zh ? '受理数' : 'Received', key: 'received', width: 10 },
      ...kpiColumns(result, zh),
    ];
    for (const [i, r] of rows.entries()) {
      addFigures(s.addRow({ rank: i + 1, name: r.name, code: r.code, received: r.counts.received }), r.kpis);
    }
    s.getRow(1).font = { bold: true };
  };
  ranking(zh ? '区域排名' : 'Areas ranked', result.ranking.areas);
  ranking(zh ? '部门排名' : 'Departments ranked', result.ranking.departments);
  return Buffer.from(await book.xlsx.writeBuffer());
}
