import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Ability } from './abilities';

/** A module's wording: zh-CN (the default) sets the keys, en must have exactly the same. */
export interface ModuleMessages<D extends Record<string, string> = Record<string, string>> {
  'zh-CN': D;
  en: Record<keyof D, string>;
}

/** One page of the console: the URLs it answers, its place in the menu, and who may open it. */
export interface ConsolePage<Label extends string = string> {
  /** The menu key, unique across modules. */
  key: string;
  /**
   * URL patterns (wouter's: `/cases/:id`, `/registry/*`) the page answers. The first is where the menu leads; the
   * page reads the rest of its URL itself, so moving between them keeps it mounted.
   */
  paths: readonly [string, ...string[]];
  /** Lazy, so each page's code (and its maps and charts) downloads only when it is opened. */
  page: LazyExoticComponent<ComponentType>;
  /**
   * `label` is one of the module's own message keys. Pages with the same `group` share one menu entry that opens
   * onto them (系统管理 → 审计日志, 事件投递), placed where its first page would be.
   */
  nav: { label: Label; icon: ReactNode; order: number; group?: { label: Label; icon: ReactNode } };
  /** The ability the server asks for the page's main read; without it the page is neither listed nor shown. */
  ability: Ability;
}

/** What a web module adds to the app, declared in its own `module.tsx` and listed once in `src/modules.ts`. */
export interface WebModule<D extends Record<string, string> = Record<string, string>> {
  name: string;
  messages: ModuleMessages<D>;
  /** Console pages; a module that only serves others (identity, notify) or the phone has none. */
  pages: readonly ConsolePage<Extract<keyof D, string>>[];
}

/** Declares a module, checking each page's menu label against the module's own messages. */
export function webModule<D extends Record<string, string>>(module: {
  name: string;
  messages: ModuleMessages<D>;
  pages: readonly ConsolePage<NoInfer<Extract<keyof D, string>>>[];
}): WebModule<D> {
  return module;
}
