import type { Category, CategoryPatch, Org } from '../api';
import { type CategoryNode, categoryTree } from '../useCategories';

/** A table row: the category with its sub-classes, as antd's tree table wants them. */
export interface CategoryRow extends Category {
  children?: CategoryRow[];
}

export function categoryRows(categories: Category[]): CategoryRow[] {
  const toRow = ({ category, children }: CategoryNode): CategoryRow => ({
    ...category,
    children: children.length ? children.map(toRow) : undefined,
  });
  return categoryTree(categories).map(toRow);
}

export const EDITABLE = [
  'nameZh',
  'nameEn',
  'defaultLevel',
  'defaultDepartment',
  'defaultPriority',
  'respondHours',
  'dispatchHours',
  'handleWorkdays',
  'needsVerification',
  'active',
] as const satisfies readonly (keyof CategoryPatch)[];
export type EditableField = (typeof EDITABLE)[number];

/** Only what the administrator actually changed goes to the server (and into its audit log). */
export function changes(before: Category, after: CategoryPatch): CategoryPatch {
  const patch: Record<string, unknown> = {};
  for (const field of EDITABLE) {
    // a field this person may not edit has no input, so the form holds no value for it
    if (!(field in after)) continue;
    const value = after[field] === undefined ? null : after[field];
    if (value !== before[field]) patch[field] = value;
  }
  return patch as CategoryPatch;
}

/**
 * A category names a kind of department (urban_management), not one district's bureau; the orgs are per district,
 * so the kinds are read off their codes (370983-urban_management) with the first bureau's name as the label.
 */
export function departmentOptions(orgs: Org[]): { value: string; label: string }[] {
  const byKey = new Map<string, string>();
  for (const org of orgs) {
    const key = org.code.split('-')[1];
    if (org.kind === 'department' && key && !byKey.has(key)) byKey.set(key, org.name);
  }
  return [...byKey].map(([value, label]) => ({ value, label }));
}
