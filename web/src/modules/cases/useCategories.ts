import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useT } from '../../core/i18n';
import { type Load, loadedValue, useLoad } from '../../core/query';
import { type Category, fetchCategories } from './api';
import { categoryName } from './caseText';

/** Every category, active or not; they change only when a district administrator edits them. */
export const CATEGORIES = ['cases', 'categories'] as const;

export function useAllCategories(): Load<Category[]> {
  return useLoad(CATEGORIES, 'all', fetchCategories, { once: true });
}

/** Loaded ahead, while there is a connection, so a form can still offer categories where there is none. */
export function usePrefetchCategories(): void {
  const client = useQueryClient();
  useEffect(() => {
    void client.prefetchQuery({
      queryKey: [...CATEGORIES, 'all'],
      queryFn: fetchCategories,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    });
  }, [client]);
}

const NONE: Category[] = [];

/** The active categories, for choosing one; none until they have loaded. */
export function useCategories(): Category[] {
  const all = loadedValue(useAllCategories()) ?? NONE;
  return useMemo(() => all.filter((c) => c.active), [all]);
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
