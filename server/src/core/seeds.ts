import type { ModuleContext, SeedOptions, SeedReport, ShanzhiModule } from './module.js';

/**
 * Runs every module's seed in dependency order. A module's seed runs at every start (reference data it keeps current,
 * such as categories and organisations) and is told whether this is its first start on this database, when demo
 * data is generated; the first start is recorded once the seed has succeeded.
 */
export async function seedModules(
  modules: readonly ShanzhiModule[],
  ctx: ModuleContext,
  opts: Omit<SeedOptions, 'firstStart'>,
): Promise<Record<string, SeedReport>> {
  const done = new Set((await ctx.db.query<{ module: string }>('SELECT module FROM core_seeds')).map((r) => r.module));
  const reports: Record<string, SeedReport> = {};
  for (const m of modules) {
    if (!m.seed) continue;
    const firstStart = !done.has(m.name);
    const report = await m.seed(ctx, { ...opts, firstStart });
    if (report && Object.values(report).some((v) => v !== 0)) reports[m.name] = report;
    if (firstStart)
      await ctx.db.query(
        'INSERT INTO core_seeds (module, demo, report) VALUES ($1, $2, $3) ON CONFLICT (module) DO NOTHING',
        [m.name, opts.demo, JSON.stringify(report ?? {})],
      );
  }
  return reports;
}
