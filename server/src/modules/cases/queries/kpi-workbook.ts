import ExcelJS from 'exceljs';
import type { Locale } from '../../../core/i18n.js';
import type { computeKpis } from './kpis.js';

const PERCENT = new Set([
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

/** The KPI page as a workbook: each figure with its formula, then the counts behind them. */
export async function kpiWorkbook(
  result: Awaited<ReturnType<typeof computeKpis>>,
  meta: { region: string; from: Date; to: Date; locale: Locale },
): Promise<Buffer> {
  const zh = meta.locale === 'zh-CN';
  const book = new ExcelJS.Workbook();
  book.creator = '善治 Shanzhi';
  const sheet = book.addWorksheet(zh ? '考核指标' : 'KPIs');
  sheet.columns = [
    { header: zh ? '指标' : 'KPI', key: 'name', width: 28 },
    { header: zh ? '数值' : 'Value', key: 'value', width: 14 },
    { header: zh ? '计算公式' : 'Formula', key: 'formula', width: 70 },
  ];
  sheet.addRow({ name: zh ? '区域' : 'Region', value: meta.region });
  sheet.addRow({
    name: zh ? '期间' : 'Period',
    value: `${meta.from.toISOString().slice(0, 10)} – ${meta.to.toISOString().slice(0, 10)}`,
  });
  for (const [key, value] of Object.entries(result.kpis)) {
    const def = result.definitions[key as keyof typeof result.definitions];
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
  return Buffer.from(await book.xlsx.writeBuffer());
}
