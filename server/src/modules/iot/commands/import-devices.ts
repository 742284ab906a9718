import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import { AppError } from '../../../core/errors.js';
import { validationReason } from '../../../core/http.js';
import { readSpreadsheetRows, type SpreadsheetLimits } from '../../../core/spreadsheet.js';
import { existingCodes, insertDevices, type NewDevice } from '../db/iot.repository.js';
import { DEVICE_KIND_LABELS, DEVICE_KINDS } from '../domain/devices.js';
import { hashSecret } from '../ingest/ingestor.js';
import type { IotDeps } from '../iot.deps.js';
import { deviceBody } from '../iot.schemas.js';
import { type DeviceInput, newSecret, prepareDevice } from './register-device.js';

/** The template's columns, in order, and the API field each one fills. */
export const DEVICE_COLUMNS = [
  ['设备编号', 'code'],
  ['设备类型', 'kind'],
  ['感温类别', 'heatClass'],
  ['感温方式', 'heatMode'],
  ['楼栋编号', 'buildingId'],
  ['场所编号', 'venueId'],
  ['楼层', 'floor'],
  ['房间', 'room'],
  ['经度', 'lng'],
  ['纬度', 'lat'],
  ['地址', 'address'],
  ['业主单位', 'ownerName'],
  ['联系电话', 'contactPhone'],
  ['心跳间隔秒', 'heartbeatSeconds'],
] as const;
const COLUMN_OF: Record<string, string> = Object.fromEntries(DEVICE_COLUMNS.map(([header, field]) => [field, header]));
COLUMN_OF.location = '经度';

export const DEVICE_TEMPLATE = `\uFEFF${DEVICE_COLUMNS.map(([h]) => h).join(',')}
SMK-0001,感烟火灾探测器,,,12,,3,301,,,,南关物业,13800138000,3600
HEAT-0001,heat,A2,R,12,,1,配电间,,,,南关物业,,3600
`;

const KIND_BY_LABEL: Record<string, string> = Object.fromEntries(
  DEVICE_KINDS.flatMap((k) => [
    [k, k],
    [DEVICE_KIND_LABELS[k].zh, k],
  ]),
);

export interface CellError {
  line: number;
  column: string;
  message: string;
}

/** A district's detectors, with room to spare: a row is under 200 bytes as CSV. */
export const DEVICE_IMPORT_LIMITS: SpreadsheetLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000 };

/**
 * 批量导入设备: every row is checked (types, place inside the actor's scope, duplicates in the file and in the
 * registry of devices) before anything is written; all or nothing unless the caller takes the valid rows only.
 * Each imported device gets its own secret, returned once in the answer.
 */
export async function importDevices(
  deps: IotDeps,
  actor: Actor,
  file: { name: string; bytes: Buffer },
  mode: 'all_or_nothing' | 'valid_only',
  locale: 'zh-CN' | 'en',
): Promise<{ imported: number; rows: number; errors: CellError[]; credentials: { code: string; secret: string }[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-devices-'));
  const errors: CellError[] = [];
  const ready: { line: number; device: NewDevice }[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  try {
    const stored = path.join(dir, path.basename(file.name));
    writeFileSync(stored, file.bytes);
    for await (const { line, cells } of readSpreadsheetRows(stored, file.name, DEVICE_IMPORT_LIMITS)) {
      rows++;
      const cell = (field: string) => (cells[COLUMN_OF[field] as string] ?? '').trim();
      const num = (field: string) => (cell(field) === '' ? undefined : Number(cell(field)));
      const kindText = cell('kind');
      const candidate = {
        code: cell('code'),
        kind: KIND_BY_LABEL[kindText] ?? kindText,
        heatClass: cell('heatClass') || undefined,
        heatMode: cell('heatMode') || undefined,
        buildingId: num('buildingId'),
        venueId: num('venueId'),
        floor: num('floor'),
        room: cell('room') || undefined,
        location: cell('lng') || cell('lat') ? { lng: num('lng'), lat: num('lat'), crs: 'wgs84' as const } : undefined,
        address: cell('address') || undefined,
        ownerName: cell('ownerName'),
        contactPhone: cell('contactPhone') || undefined,
        heartbeatSeconds: num('heartbeatSeconds'),
      };
      const parsed = deviceBody.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          errors.push({
            line,
            column: COLUMN_OF[field] ?? field,
            message: validationReason(issue.code, issue as unknown as Record<string, unknown>, issue.message, locale),
          });
        }
        continue;
      }
      const first = seen.get(parsed.data.code);
      if (first !== undefined) {
        errors.push({
          line,
          column: '设备编号',
          message: locale === 'en' ? `same code as row ${first}` : `与第 ${first} 行编号重复`,
        });
        continue;
      }
      seen.set(parsed.data.code, line);
      try {
        ready.push({ line, device: await prepareDevice(deps, actor, parsed.data as DeviceInput) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = err.options.field ?? '';
        errors.push({ line, column: COLUMN_OF[field] ?? field, message: err.localized(locale) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const taken = new Set(
    await existingCodes(
      deps.ctx.db,
      ready.map((r) => r.device.code),
    ),
  );
  for (const r of ready.filter((x) => taken.has(x.device.code))) {
    errors.push({
      line: r.line,
      column: '设备编号',
      message: locale === 'en' ? 'already registered' : '该编号已登记',
    });
  }
  const valid = ready.filter((r) => !taken.has(r.device.code));
  errors.sort((a, b) => a.line - b.line);
  if ((errors.length && mode === 'all_or_nothing') || !valid.length) {
    return { imported: 0, rows, errors, credentials: [] };
  }
  const credentials = valid.map((r) => {
    const secret = newSecret();
    r.device.secretHash = hashSecret(secret);
    return { code: r.device.code, secret };
  });
  await deps.ctx.db.transaction(async (tx) => {
    for (let i = 0; i < valid.length; i += 5000)
      await insertDevices(
        tx,
        valid.slice(i, i + 5000).map((r) => r.device),
      );
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.devices_imported',
      detail: { file: file.name, imported: valid.length, cellErrors: errors.length, mode },
    });
  });
  return { imported: valid.length, rows, errors, credentials };
}
