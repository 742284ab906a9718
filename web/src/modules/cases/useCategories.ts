import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../core/i18n';
import { type Category, fetchCategories } from './api';
import { categoryName } from './caseText';

/** Categories change only when a district administrator edits them, so one load per page visit is enough. */
let cached: Promise<Category[]> | undefined;

/** Every category, active or not, loaded once; a failed load is asked again next time. */
export function loadCategories(): Promise<Category[]> {
  cached ??= fetchCategories().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** After an edit, the next form that needs categories loads them afresh. */
export function forgetCategories(): void {
  cached = undefined;
}

export function useCategories(): Category[] {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    loadCategories().then(
      (items) => live && setCategories(items.filter((c) => c.active)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return categories;
}

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

/** Main classes with their sub-classes; a sub-class whose parent is inactive stands on its own. */
export function categoryTree(categories: Category[]): CategoryNode[] {
  const nodes = new Map(categories.map((c) => [c.code, { category: c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parentCode ? nodes.get(node.category.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface CategoryOption {
  value: string;
  title: string;
  children: CategoryOption[];
}

/** The category tree in the user's language, for a TreeSelect. */
export function useCategoryOptions(): CategoryOption[] {
  const { lang } = useT();
  const categories = useCategories();
  return useMemo(() => {
    const toNode = ({ category, children }: CategoryNode): CategoryOption => ({
      value: category.code,
      title: categoryName(category, lang),
      children: children.map(toNode),
    });
    return categoryTree(categories).map(toNode);
  }, [categories, lang]);
}
