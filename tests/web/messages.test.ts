/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

type Messages = { 'zh-CN': Record<string, string>; en: Record<string, string> };

/** The app-wide messages and every module's, found by their place rather than a list, so none is left unchecked. */
const files = import.meta.glob<{ messages: Messages }>(
  ['../../web/src/core/messages.ts', '../../web/src/modules/*/messages.ts'],
  { eager: true },
);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web messages', () => {
  const entries = Object.entries(files).map(
    ([path, file]) => [path.replace('../../web/src/', ''), file.messages] as const,
  );

  it('finds the app-wide messages and each module’s', () => {
    const names = entries.map(([path]) => path);
    expect(names).toContain('core/messages.ts');
    for (const module of ['cases', 'geo', 'identity', 'iot', 'kpis', 'notify', 'phone', 'registry']) {
      expect(names).toContain(`modules/${module}/messages.ts`);
    }
  });

  it.each(entries)('%s: zh-CN and en have the same keys, none empty, the same {placeholders}', (_, messages) => {
    const zh = messages['zh-CN'];
    const en = messages.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text.trim(), `zh-CN ${key}`).not.toBe('');
      expect(en[key]?.trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en[key] ?? ''), `placeholders of ${key}`).toEqual(placeholders(text));
    }
  });

  it('no key is defined by two files, which would silently replace one wording with another', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [path, messages] of entries) {
      for (const key of Object.keys(messages['zh-CN'])) {
        if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${path}`);
        owner.set(key, path);
      }
    }
    expect(twice).toEqual([]);
  });
});
