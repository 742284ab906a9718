import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { type CategoryRecord, listCategories, updateCategory } from '../db/cases.repository.js';

let t: TestApp;
let category: CategoryRecord;

beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
  category = (await listCategories(t.db)).find((c) => c.defaultDepartment) as CategoryRecord;
});
afterAll(async () => t?.stop());

describe('cases repository on typed SQL', () => {
  it('changes only what a category patch gives; a null department clears it, other nulls keep the value', async () => {
    const changed = await updateCategory(t.db, category.code, {
      respondHours: category.respondHours + 1,
      defaultDepartment: null,
      nameZh: null as unknown as string,
    });
    expect(changed).toEqual({ ...category, respondHours: category.respondHours + 1, defaultDepartment: null });
    expect(await updateCategory(t.db, category.code, {})).toEqual(changed);
    expect(await updateCategory(t.db, 'NOPE', { active: false })).toBeUndefined();
    expect(await updateCategory(t.db, 'NOPE', {})).toBeUndefined();
  });
});
