import type { Actor } from '../../core/auth.js';
import type { ModuleContext } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import type { RuleBook, RuleSettings } from './domain/rules.js';

/** What the iot commands need beyond the module context: where grids are, the current rules, who "the system" is. */
export interface IotDeps {
  ctx: Pick<ModuleContext, 'db' | 'events' | 'cipher' | 'log' | 'config'>;
  locator: GridLocator;
  /** The rules in force at a device's or area's path (its district's own where it set some), else the deployment's. */
  rules(path?: string): RuleSettings;
  ruleBook(): RuleBook;
  systemActor(): Promise<Actor>;
}
