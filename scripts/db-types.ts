// `npm run db:types [module ...]`: migrates a fresh in-memory database and writes the Kysely table types of every
// module that uses typed SQL (those with a `db/<module>.tables.ts`), and of each module named, which starts one.
import { writeFileSync } from 'node:fs';
import { migrationSources } from '../server/src/app.js';
import { openEmbedded } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';
import { generateTableTypes, tableTypesFile, typedModules } from '../server/src/core/table-types.js';
import { createModules } from '../server/src/modules.js';

const db = await openEmbedded('memory');
try {
  const sources = migrationSources(createModules());
  await migrate(db, sources);
  for (const source of typedModules(sources, process.argv.slice(2))) {
    writeFileSync(tableTypesFile(source), await generateTableTypes(db, source));
    console.log(`wrote ${tableTypesFile(source)}`);
  }
} finally {
  await db.close();
}
