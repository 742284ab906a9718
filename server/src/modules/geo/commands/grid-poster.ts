import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Actor } from '../../../core/auth.js';
import type { Config } from '../../../core/config.js';
import type { Queryable } from '../../../core/db.js';
import { geoErrors } from '../geo.errors.js';
import { getGridDetail } from '../queries/regions.js';

/**
 * The poster on a grid station's wall (网格驿站): the grid, its worker, and a QR code that opens the resident's
 * phone page for this grid, where a report goes straight to it. A4, printable in black and white.
 */
export async function gridPoster(db: Queryable, config: Pick<Config, 'publicUrl' | 'geo'>, actor: Actor, code: string) {
  if (!existsSync(config.geo.cjkFont)) throw geoErrors.noCjkFont({ params: { path: config.geo.cjkFont } });
  const { grid } = await getGridDetail(db, actor, code);
  const url = `${config.publicUrl}/m?grid=${grid.code}`;
  const qr = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 600 });
  const worker = grid.team.find((m) => m.role === 'grid_worker')?.name ?? '—';
  const leader = grid.team.find((m) => m.role === 'grid_leader')?.name ?? '—';

  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${grid.name} ${grid.code}`, Author: '善治 Shanzhi' },
  });
  doc.registerFont('cjk', config.geo.cjkFont, 'NotoSansCJKsc-Regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = doc.page.width - 112;
  doc.font('cjk').fontSize(16).fillColor('#444').text('网格服务站  Grid station', { align: 'center', width });
  doc.moveDown(0.6).fontSize(34).fillColor('#000').text(grid.name, { align: 'center', width });
  doc.moveDown(0.2).fontSize(14).fillColor('#333').text(`网格编码 ${grid.code}`, { align: 'center', width });
  doc.text(`${grid.districtName} · ${grid.streetName} · ${grid.communityName}`, { align: 'center', width });
  doc.image(qr, (doc.page.width - 300) / 2, doc.y + 24, { width: 300 });
  doc.y += 340;
  doc.fontSize(22).fillColor('#000').text('扫码反映问题，直达网格员', { align: 'center', width });
  doc
    .moveDown(0.2)
    .fontSize(13)
    .fillColor('#444')
    .text('Scan to report a problem straight to your grid worker', { align: 'center', width });
  doc.moveDown(1.2).fontSize(15).fillColor('#000');
  doc.text(`专职网格员  ${worker}        网格长  ${leader}`, { align: 'center', width });
  doc.moveDown(0.6).fontSize(11).fillColor('#555').text(`四至：${grid.boundsText}`, { align: 'center', width });
  doc.moveDown(1.5).fontSize(9).fillColor('#888').text(url, { align: 'center', width });
  doc.end();
  return { pdf: await done, filename: `grid-${grid.code}.pdf` };
}
