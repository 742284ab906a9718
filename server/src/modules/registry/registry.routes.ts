import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { areaRoutes } from './routes/areas.routes.js';
import { houseRoutes } from './routes/houses.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { placeRoutes } from './routes/places.routes.js';
import { thingRoutes } from './routes/things.routes.js';

/** 人房物情 over HTTP, one sub-plugin per part (the spreadsheet upload's multipart parser stays with the imports). */
export async function registryRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  for (const part of [houseRoutes, placeRoutes, areaRoutes, thingRoutes, peopleRoutes, importRoutes])
    await app.register(async (scoped) => part(scoped as HttpApp, ctx, locator));
}
