import { performance } from 'node:perf_hooks';
import { createShanzhi } from './app.js';
import { ConfigError } from './core/config.js';
import { ensureFirstAdmin } from './modules/identity/index.js';
import { loadShanzhiConfig } from './modules.js';

const started = performance.now();

async function main() {
  let config: ReturnType<typeof loadShanzhiConfig>;
  try {
    config = loadShanzhiConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 / ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const shanzhi = await createShanzhi(config);
  const { app, db } = shanzhi;

  // before the seeds: the demo district's staff are accounts too, and the first administrator is made only while
  // there are none
  const admin = await ensureFirstAdmin(db);
  const seeded = await shanzhi.seed({ demo: config.demoData, scale: config.demoScale });
  for (const [module, report] of Object.entries(seeded))
    app.log.info(
      { module, ...report },
      '已生成初始与演示数据（演示数据为合成数据）/ seeded reference and synthetic demo data',
    );

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
    `善治 Shanzhi 已启动 / is running: http://localhost:${port}  (${where}, ${ms} ms${seeded.geo ? `, ${seeded.geo.grids} demo grids` : ''})`,
    `API 文档 / API docs: http://localhost:${port}/docs`,
    ...shanzhi.modules.flatMap((m) => (m.banner ? [m.banner()] : [])),
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
