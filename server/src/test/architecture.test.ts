import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModules } from '../modules.js';

/**
 * The lines the module kit holds, checked on the source: a module reaches another only through its index.ts and
 * names it in dependsOn; core knows no module; a route writes only through a command (so every write can carry its
 * audit row and events), never by calling a repository's write function itself.
 */
const SRC = path.join(import.meta.dirname, '..');
const MODULES = path.join(SRC, 'modules');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every `import … from '…'` (and `export … from`) of a file, resolved to a path relative to server/src. */
function imports(file: string): { names: string[]; target: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s+(type\s+)?(?:\{([^}]*)\}|[\w*\s]+)\s+from\s+'(\.[^']+)'/g)].map(
    (m) => ({
      names: (m[2] ?? '')
        .split(',')
        .map(
          (n) =>
            n
              .trim()
              .replace(/^type\s+/, '')
              .split(/\s+as\s+/)[0] as string,
        )
        .filter(Boolean),
      target: path.relative(SRC, path.resolve(path.dirname(file), m[3] as string)),
    }),
  );
}

const moduleOf = (rel: string) => (rel.startsWith('modules/') ? rel.split('/')[1] : undefined);

describe('module boundaries', () => {
  const sources = files(MODULES).filter((f) => !f.endsWith('.test.ts') && !f.includes('/test/'));

  it('lets a module import another only through its index.ts', () => {
    const crossings: string[] = [];
    for (const file of sources) {
      const own = moduleOf(path.relative(SRC, file));
      for (const { target } of imports(file)) {
        const other = moduleOf(target);
        if (other && other !== own && target !== `modules/${other}/index.js`)
          crossings.push(`${path.relative(SRC, file)} → ${target}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('names every module a module imports in its dependsOn, and only registered ones', () => {
    const declared = new Map(createModules().map((m) => [m.name, new Set(m.dependsOn ?? [])]));
    const missing: string[] = [];
    for (const file of sources) {
      const own = moduleOf(path.relative(SRC, file)) as string;
      for (const { target } of imports(file)) {
        const other = moduleOf(target);
        if (other && other !== own && !declared.get(own)?.has(other)) missing.push(`${own} imports ${other}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('keeps core free of any module', () => {
    const core = files(path.join(SRC, 'core')).filter((f) => !f.endsWith('.test.ts'));
    const reaching = core.flatMap((f) =>
      imports(f)
        .filter((i) => i.target.startsWith('modules'))
        .map((i) => `${path.relative(SRC, f)} → ${i.target}`),
    );
    expect(reaching).toEqual([]);
  });
});

describe('writes go through commands', () => {
  /** A repository function that writes: its body has a write statement, raw or through the query compiler. */
  function writeFunctions(repository: string): Set<string> {
    const text = readFileSync(repository, 'utf8');
    const out = new Set<string>();
    const starts = [...text.matchAll(/^export (?:async )?function (\w+)/gm)];
    starts.forEach((m, i) => {
      const body = text.slice(m.index, starts[i + 1]?.index ?? text.length);
      if (/\b(INSERT|UPDATE|DELETE)\s|insertInto\(|updateTable\(|deleteFrom\(/.test(body)) out.add(m[1] as string);
    });
    return out;
  }

  it('finds the write functions it guards against', () => {
    const iot = writeFunctions(path.join(MODULES, 'iot/db/iot.repository.ts'));
    expect(iot).toContain('setDeviceEnabled');
    expect(iot).toContain('putSetting');
    expect(iot).not.toContain('getDevice');
  });

  it('lets no route file call a repository write function', () => {
    const routeFiles = files(MODULES).filter(
      (f) => /\.routes\.ts$/.test(f) || f.includes(`${path.sep}routes${path.sep}`),
    );
    expect(routeFiles.length).toBeGreaterThan(6);
    const offending: string[] = [];
    for (const file of routeFiles) {
      for (const { names, target } of imports(file)) {
        if (!/\/db\/[\w-]+\.repository\.js$/.test(target)) continue;
        const writes = writeFunctions(path.join(SRC, target.replace(/\.js$/, '.ts')));
        for (const name of names) if (writes.has(name)) offending.push(`${path.relative(SRC, file)}: ${name}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
