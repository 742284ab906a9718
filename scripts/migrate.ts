// `npm run migrate`: applies pending migrations to the configured database and exits.
import { migrationSources } from '../server/src/app.js';
import { openDb } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';
import { createModules, loadShanzhiConfig } from '../server/src/modules.js';

const config = loadShanzhiConfig();
const db = await openDb(config);
const { applied } = await migrate(db, migrationSources(createModules()));
console.log(applied.length ? `applied: ${applied.join(', ')}` : '数据库已是最新 / database is up to date');
await db.close();
