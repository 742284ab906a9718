// `npm run admin -- unlock <username>`: lets every address back into an account the sign-in throttle shut, keeping its
// password. `npm run admin -- reset <username>`: a new one-time password, printed here once and nowhere else (not the
// log, not the audit trail), to be changed at the next sign-in; the account is unlocked and its sessions end.
// For when no administrator can sign in to do it under 用户管理. Works on the configured database, as `npm start`
// does (DATA_DIR embedded, or DATABASE_URL); an embedded data folder serves one process, so stop Shanzhi first.
import { migrationSources } from '../server/src/app.js';
import { openDb } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';
import { resetByUsername, unlockByUsername } from '../server/src/modules/identity/index.js';
import { createModules, loadShanzhiConfig } from '../server/src/modules.js';

const [command, username] = process.argv.slice(2);
if (!username || (command !== 'unlock' && command !== 'reset')) {
  console.error('用法 / usage: npm run admin -- unlock <username> | npm run admin -- reset <username>');
  process.exit(2);
}
const config = loadShanzhiConfig();
const db = await openDb(config);
let found = true;
try {
  // a database an older version left has no throttle table yet
  await migrate(db, migrationSources(createModules()));
  if (command === 'unlock') {
    found = await unlockByUsername(db, username);
    if (found) console.log(`已解锁 ${username} / ${username} is unlocked`);
  } else {
    const password = await resetByUsername(db, username);
    found = password !== undefined;
    if (found) {
      console.log(`${username} 的一次性密码（只显示这一次，首次登录须修改）/ one-time password, shown only now:`);
      console.log(password);
    }
  }
} finally {
  await db.close();
}
if (!found) {
  console.error(`没有用户 ${username} / no user ${username}`);
  process.exit(1);
}
