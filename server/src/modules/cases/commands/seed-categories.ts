import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../core/db.js';
import { countCategories, insertCategory } from '../db/cases.repository.js';
import type { Level } from '../domain/case-status.js';
import type { Priority } from '../domain/priority.js';

interface SeedCategory {
  code: string;
  parent?: string;
  zh: string;
  en: string;
  kind: 'component' | 'event' | 'community';
  level: Level;
  department?: string;
  priority?: Priority;
  respond: number;
  dispatch?: number;
  workdays: number;
  verify?: boolean;
}

/** First start: the category tree from data/categories.json; later edits by administrators are kept. */
export async function seedCategories(db: Db): Promise<number> {
  if ((await countCategories(db)) > 0) return 0;
  const file = JSON.parse(readFileSync(path.join(import.meta.dirname, '../data/categories.json'), 'utf8')) as {
    categories: SeedCategory[];
  };
  await db.transaction(async (tx) => {
    for (const c of file.categories) {
      await insertCategory(tx, {
        code: c.code,
        parentCode: c.parent ?? null,
        nameZh: c.zh,
        nameEn: c.en,
        kind: c.kind,
        defaultLevel: c.level,
        defaultDepartment: c.department ?? null,
        defaultPriority: c.priority ?? 'normal',
        respondHours: c.respond,
        dispatchHours: c.dispatch ?? 2,
        handleWorkdays: c.workdays,
        needsVerification: c.verify ?? true,
        active: true,
      });
    }
  });
  return file.categories.length;
}
