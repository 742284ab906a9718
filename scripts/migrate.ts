// `npm run migrate`: applies pending migrations to the configured database and exits.
import { createModules, migrationSources } from '../server/src/app.js';
import { loadConfig } from '../server/src/core/config.js';
import { openDb } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';

const config = loadConfig();
const db = await openDb(config);
const { applied } = await migrate(db, migrationSources(createModules(db).all));
console.log(applied.length ? `applied: ${applied.join(', ')}` : '数据库已是最新 / database is up to date');
await db.close();
