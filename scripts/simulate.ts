// `npm run simulate -- --help`: synthetic fire-safety devices talking to Shanzhi over MQTT (usage in USAGE below).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_USER, servicePassword } from '../server/src/modules/iot/index.js';
import { runSimulation, SCENARIOS, type Scenario, type SimDevice } from './simulator.js';

const USAGE = `${[
  'npm run simulate -- [options]: synthetic fire-safety devices talking to Shanzhi over MQTT.',
  '  --url http://localhost:3000 --token <bearer>   fetch the device list from a running Shanzhi (manifest API)',
  '  --manifest devices.json                        or read it from a file ({ topicRoot, devices: [...] })',
  '  --broker mqtt://127.0.0.1:1884                  the embedded broker (default) or Mosquitto (mqtt://…:1883)',
  '  --username/--password                          broker credentials; on the embedded broker the service account',
  '                                                 is used when DATA_DIR (default ./data) holds its secrets',
  '  --devices N  --rate R  --duration S            background heartbeats/telemetry for N devices at R msg/s',
  '  --scenario false_alarm,real_fire,dying_battery,gateway_offline   (or all)',
  "  --step S                                       seconds between a scenario's steps",
  "  --topic-root ROOT                              topic root to use instead of the manifest's",
  '  --help                                         this text',
].join('\n')}\n`;

function parse() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    // an unknown or malformed option: say which, then how it is used, instead of a stack trace
    process.stderr.write(`simulate: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string', default: process.env.SHANZHI_TOKEN },
  manifest: { type: 'string' },
  broker: { type: 'string', default: 'mqtt://127.0.0.1:1884' },
  username: { type: 'string' },
  password: { type: 'string' },
  devices: { type: 'string', default: '1000' },
  rate: { type: 'string', default: '200' },
  duration: { type: 'string', default: '60' },
  scenario: { type: 'string', default: '' },
  step: { type: 'string', default: '5' },
  'topic-root': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const a = parse();
if (a.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`simulate: ${message}`);
  process.exit(2);
}

async function manifest(): Promise<{ topicRoot: string; devices: SimDevice[] }> {
  if (a.manifest) return JSON.parse(readFileSync(a.manifest, 'utf8'));
  if (!a.url) fail('give --url (and --token) of a running Shanzhi, or --manifest <file>');
  if (!a.token) fail('--token (or SHANZHI_TOKEN) is needed to read the device list: POST /api/identity/tokens');
  const res = await fetch(`${a.url.replace(/\/$/, '')}/api/iot/devices/manifest`, {
    headers: { authorization: `Bearer ${a.token}` },
  });
  if (!res.ok) fail(`${res.status} from the manifest API: ${await res.text()}`);
  return res.json() as Promise<{ topicRoot: string; devices: SimDevice[] }>;
}

function credentials(): { username?: string; password?: string } {
  if (a.username) return { username: a.username, password: a.password };
  const secrets = path.join(process.env.DATA_DIR ?? 'data', 'secrets.json');
  if (a.broker?.endsWith(':1884') && existsSync(secrets)) {
    const { dataKey } = JSON.parse(readFileSync(secrets, 'utf8')) as { dataKey: string };
    return { username: SERVICE_USER, password: servicePassword(Buffer.from(dataKey, 'base64')) };
  }
  return {};
}

const list = await manifest();
const scenarios = (a.scenario === 'all' ? [...SCENARIOS] : (a.scenario ?? '').split(',').filter(Boolean)) as Scenario[];
for (const s of scenarios) if (!SCENARIOS.includes(s)) fail(`unknown scenario ${s}; one of ${SCENARIOS.join(', ')}`);
const devices = list.devices.slice(0, Number(a.devices));
console.log(
  `模拟 ${devices.length} 台设备 / simulating ${devices.length} devices → ${a.broker} (${a['topic-root'] ?? list.topicRoot}), ${a.rate} msg/s, ${a.duration} s${scenarios.length ? `, scenarios: ${scenarios.join(', ')}` : ''}`,
);
const result = await runSimulation(
  {
    broker: a.broker as string,
    topicRoot: a['topic-root'] ?? list.topicRoot,
    devices,
    rate: Number(a.rate),
    durationSeconds: Number(a.duration),
    scenarios,
    stepSeconds: Number(a.step),
    mqtt: credentials(),
  },
  (p) => {
    for (const e of p.events.splice(0)) process.stdout.write(`\r\x1b[K  ${e}\n`);
    process.stdout.write(
      `\r${p.elapsed.toFixed(0).padStart(4)} s  已发送 sent ${p.sent}  已确认 acked ${p.acked}  ${Math.round(p.rate)} msg/s   `,
    );
  },
);
console.log(`\n完成 / done: ${result.sent} messages, ${result.acked} acknowledged by the broker`);
