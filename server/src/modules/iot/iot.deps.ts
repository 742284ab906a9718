import type { Actor } from '../../core/auth.js';
import type { ModuleContext } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import type { RuleSettings } from './domain/rules.js';

/** What the iot commands need beyond the module context: where grids are, the current rules, who "the system" is. */
export interface IotDeps {
  ctx: Pick<ModuleContext, 'db' | 'events' | 'cipher' | 'log' | 'config'>;
  locator: GridLocator;
  rules(): RuleSettings;
  systemActor(): Promise<Actor>;
}
