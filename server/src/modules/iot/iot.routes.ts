import type { HttpApp } from '../../core/http.js';
import type { Ingestor } from './ingest/ingestor.js';
import type { IotDeps } from './iot.deps.js';
import { alarmRoutes } from './routes/alarms.routes.js';
import { deviceRoutes } from './routes/devices.routes.js';
import { ingestRoutes } from './routes/ingest.routes.js';
import { overviewRoutes } from './routes/overview.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';

export interface IotRuntime {
  deps: IotDeps;
  ingestor(): Ingestor;
  reloadDevice(code: string): Promise<void>;
  /** After a bulk import: this instance reloads its directory, and tells the others to. */
  reloadAll(): Promise<void>;
  reloadRules(): Promise<void>;
}

/** The fire-safety API, one sub-plugin per part (each encapsulated: the webhook's raw-body parser stays its own). */
export async function iotRoutes(app: HttpApp, rt: IotRuntime) {
  for (const part of [deviceRoutes, alarmRoutes, overviewRoutes, settingsRoutes, ingestRoutes])
    await app.register(async (scoped) => part(scoped as HttpApp, rt));
}
