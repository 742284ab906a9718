import path from 'node:path';
import type { Actor } from '../../core/auth.js';
import { DEMO_DISTRICT, DEMO_SEED } from '../../core/demo.js';
import type { ModuleContext, ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { serviceActor } from '../identity/index.js';
import { backfillServiceAreas } from './commands/fire-centres.js';
import { resealIot } from './commands/reseal-iot.js';
import { seedDemoIot } from './commands/seed-demo-iot.js';
import { directoryEntry, districtSettings, ensureTelemetryPartition, getSetting } from './db/iot.repository.js';
import { type RuleBook, ruleBook, rulesAt } from './domain/rules.js';
import { connectIngestion, type Ingestion } from './ingest/connect.js';
import { Ingestor } from './ingest/ingestor.js';
import type { IotDeps } from './iot.deps.js';
import { iotPermissions } from './iot.permissions.js';
import { iotRoutes } from './iot.routes.js';
import { iotSettings } from './iot.settings.js';
import { runIotJobs } from './jobs/iot-jobs.js';
import { subscribeFireCases } from './subscribers/open-fire-case.js';

const DEVICES_CHANGED = 'iot_devices_changed';

export interface IotModule extends ShanzhiModule {
  /** Set once started: the live ingestion, the broker port devices use on the embedded default. */
  readonly ingestor: Ingestor;
  readonly brokerUrl: string;
  readonly deps: IotDeps;
  /** Tests and the job timer: offline detection, escalation, fault cases, at `now`. */
  runJobs(now?: Date): Promise<void>;
  /** After bulk-loading devices (demo seed, bench). */
  reload(): Promise<void>;
}

/**
 * 智慧消防. Depends on geo (grids), registry (buildings), identity (orgs, recipients, the system actor) and cases
 * (a confirmed fire opens a case), each through its exported functions.
 */
export function createIotModule(deps: { locator: GridLocator }): IotModule {
  let rules: RuleBook = ruleBook({}, []);
  let ingestor: Ingestor | undefined;
  let iotDeps: IotDeps | undefined;
  let ingestion: Ingestion | undefined;
  let topicRoot = '';
  let system: Promise<Actor> | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  const timers: NodeJS.Timeout[] = [];
  let jobRunning: Promise<void> | undefined;

  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the iot module has not started');
    return v;
  };
  async function loadRules(ctx: Pick<ModuleContext, 'db'>) {
    const [deployment, districts] = await Promise.all([getSetting(ctx.db, 'rules'), districtSettings(ctx.db, 'rules')]);
    rules = ruleBook(deployment.value, districts);
  }

  const module: IotModule = {
    name: 'iot',
    dependsOn: ['geo', 'identity', 'registry', 'cases'],
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: iotSettings,
    permissions: iotPermissions,
    // a device's MQTT secret as it is issued, and the NB-IoT platform's signature
    redact: ['*.secret', 'req.headers["x-shanzhi-signature"]'],
    async seed(ctx, opts) {
      const areas = await backfillServiceAreas(ctx.db);
      if (!opts.firstStart || opts.demo !== 'demo') return areas ? { fireCentreAreas: areas } : undefined;
      const fire = await seedDemoIot(need(iotDeps), { districtCode: DEMO_DISTRICT, seed: DEMO_SEED });
      await need(ingestor).load();
      return fire;
    },
    reseal: async (ctx, progress) => ({ deviceContacts: await resealIot(ctx.db, ctx.cipher, progress) }),
    get ingestor() {
      return need(ingestor);
    },
    get brokerUrl() {
      return ingestion?.brokerUrl ?? '';
    },
    get deps() {
      return need(iotDeps);
    },
    routes: (app, ctx) =>
      iotRoutes(app, {
        deps: need(iotDeps),
        ingestor: () => need(ingestor),
        async reloadDevice(code) {
          const row = await directoryEntry(ctx.db, code);
          if (row) need(ingestor).put(row);
          await ctx.db.notify(DEVICES_CHANGED, code);
        },
        async reloadAll() {
          await need(ingestor).load();
          await ctx.db.notify(DEVICES_CHANGED, `*:${ctx.config.iot.instanceId}`);
        },
        reloadRules: () => loadRules(ctx),
      }),
    async start(ctx) {
      const cfg = ctx.config.iot;
      topicRoot = cfg.topicRoot;
      iotDeps = {
        ctx,
        locator: deps.locator,
        rules: (path = '') => rulesAt(rules, path),
        ruleBook: () => rules,
        systemActor: () => {
          system ??= serviceActor(ctx.db, 'iot', '智慧消防系统');
          return system;
        },
      };
      await loadRules(ctx);
      subscribeFireCases(iotDeps);
      ingestor = new Ingestor(iotDeps, cfg.topicRoot);
      await ingestor.load();
      await ensureTelemetryPartition(ctx.db, new Date());
      const live = ingestor;
      unlisten = await ctx.db.listen(DEVICES_CHANGED, (code) => {
        if (code.startsWith('*:')) {
          // a bulk import elsewhere; the importing instance has reloaded already
          if (code !== `*:${cfg.instanceId}`)
            live.load().catch((err) => ctx.log.error({ err }, 'could not reload the devices'));
          return;
        }
        directoryEntry(ctx.db, code)
          .then((row) => row && live.put(row))
          .catch((err) => ctx.log.error({ err }, 'could not reload a changed device'));
      });
      ingestion = await connectIngestion(ctx, ingestor);
      const flusher = setInterval(() => {
        live.flush().catch((err) => ctx.log.error({ err }, 'iot state flush failed'));
      }, cfg.flushMs);
      flusher.unref();
      timers.push(flusher);
      if (cfg.jobIntervalSeconds) {
        const jobs = setInterval(() => {
          module.runJobs().catch((err) => ctx.log.error({ err }, 'iot jobs failed'));
        }, cfg.jobIntervalSeconds * 1000);
        jobs.unref();
        timers.push(jobs);
      }
      ctx.log.info({ broker: ingestion.brokerUrl, devices: ingestor.size }, 'iot ingestion subscribed');
    },
    async runJobs(now) {
      // one run at a time: a slow run is not overtaken by the next tick
      jobRunning ??= runIotJobs(need(iotDeps), need(ingestor), now).finally(() => {
        jobRunning = undefined;
      });
      return jobRunning;
    },
    async reload() {
      await need(ingestor).load();
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await jobRunning?.catch(() => undefined);
      await ingestion?.close();
      await ingestor?.flush();
      await unlisten?.();
    },
    ready: () => ingestion?.ready() ?? false,
    banner: () =>
      `MQTT 设备接入 / device ingestion: ${module.brokerUrl}  (topic ${topicRoot}/v1/devices/<code>/<type>)`,
  };
  return module;
}
