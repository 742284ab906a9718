import { loadedValue, useLoad } from '../../core/query';
import { fetchOrgs, type Org } from './api';

const NONE: Org[] = [];

/** The departments and teams a case in the user's scope can go to; empty for people who may not list them. */
export function useOrgs(): Org[] {
  return loadedValue(useLoad(['cases', 'orgs'], 'all', fetchOrgs, { once: true })) ?? NONE;
}
