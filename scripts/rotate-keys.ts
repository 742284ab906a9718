// `npm run rotate-keys`: after a new DATA_KEY (with a new DATA_KEY_VERSION) is configured and the old one moved to
// DATA_KEYS_RETIRED, seals every ID number and phone number again under the new key and recomputes their search
// hashes. Shanzhi may keep running meanwhile: it reads and searches under both keys until this has finished; then the
// retired key can be removed from the configuration. Safe to interrupt and run again.

import { PersonalDataCipher } from '../server/src/core/crypto.js';
import { openDb } from '../server/src/core/db.js';
import { createModules, loadShanzhiConfig } from '../server/src/modules.js';

const config = loadShanzhiConfig();
if (!config.retiredDataKeys.length) {
  console.error(
    '没有退役的密钥 / no retired key: set DATA_KEYS_RETIRED=v1:<old key> and a new DATA_KEY with DATA_KEY_VERSION=v2',
  );
  process.exit(2);
}
const cipher = PersonalDataCipher.rotating(
  { version: config.dataKeyVersion, key: config.dataKey },
  config.retiredDataKeys,
);
const db = await openDb(config);
const progress = (what: string) => (n: number) => process.stdout.write(`\r${what}: ${n.toLocaleString('en-US')}   `);
const done: string[] = [];
for (const m of createModules()) {
  if (!m.reseal) continue;
  const counts = await m.reseal({ db, cipher }, progress(m.name));
  done.push(...Object.entries(counts).map(([what, n]) => `${m.name} ${what} ${n}`));
}
console.log(`\n已用 ${cipher.version} 重新加密 / resealed under ${cipher.version}: ${done.join(', ')}`);
await db.close();
