import { performance } from 'node:perf_hooks';
import { createShanzhi } from './app.js';
import { ConfigError, loadConfig } from './core/config.js';
import { seedCategories } from './modules/cases/index.js';
import { listDistrictsAndStreets, seedGeo } from './modules/geo/index.js';
import { ensureFirstAdmin, seedOrgs } from './modules/identity/index.js';
import { seedDemoIot } from './modules/iot/index.js';
import { DEMO_SCALES, seedDemoRegistry } from './modules/registry/index.js';

const started = performance.now();

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 / ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const shanzhi = await createShanzhi(config);
  const { app, db, geo } = shanzhi;

  const seeded = await seedGeo(db, { demoGrids: config.demoData !== 'none', log: app.log });
  if (seeded.seeded) await geo.locator.changed();
  if (seeded.seeded && config.demoData === 'demo') {
    const registry = await seedDemoRegistry(shanzhi.ctx, {
      districtCode: '320114',
      seed: 'shanzhi-demo-2026',
      ...DEMO_SCALES[config.demoScale],
    });
    app.log.info(
      registry,
      '已生成雨花台区演示楼栋、居民、场所与设施（合成数据）/ generated synthetic demo buildings, residents, venues and facilities',
    );
  }
  await seedOrgs(db, await listDistrictsAndStreets(db));
  await seedCategories(db);
  if (seeded.seeded && config.demoData === 'demo') {
    const fire = await seedDemoIot(shanzhi.iot.deps, { districtCode: '320114', seed: 'shanzhi-demo-2026' });
    await shanzhi.iot.reload();
    app.log.info(fire, '已生成演示消防服务中心与探测器（合成数据）/ generated synthetic fire centres and detectors');
  }
  const admin = await ensureFirstAdmin(db);

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, '正在关闭 / shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await shanzhi.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;
  const ms = Math.round(performance.now() - started);
  const where = config.engine === 'embedded' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
  const lines = [
    '',
    `善治 Shanzhi 已启动 / is running: http://localhost:${port}  (${where}, ${ms} ms${seeded.seeded ? `, ${seeded.grids} demo grids` : ''})`,
    `API 文档 / API docs: http://localhost:${port}/docs`,
    `MQTT 设备接入 / device ingestion: ${shanzhi.iot.brokerUrl}  (topic ${config.iot.topicRoot}/v1/devices/<code>/<type>)`,
  ];
  if (admin) {
    lines.push(
      '首次启动：管理员一次性密码（仅显示这一次，登录后须修改）/ first start: one-time administrator password (shown once):',
      `  用户名 username: ${admin.username}`,
      `  密码 password:   ${admin.oneTimePassword}`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
  // a parent process (bench, crash test) learns the port and, on first start, the one-time password this way
  if (process.send) process.send({ ready: true, ms, port, admin });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
