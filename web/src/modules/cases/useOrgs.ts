import { useEffect, useState } from 'react';
import { fetchOrgs, type Org } from './api';

/** The departments and teams a case in the user's scope can go to; empty for people who may not list them. */
export function useOrgs(): Org[] {
  const [orgs, setOrgs] = useState<Org[]>([]);
  useEffect(() => {
    let live = true;
    fetchOrgs().then(
      (items) => live && setOrgs(items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return orgs;
}
