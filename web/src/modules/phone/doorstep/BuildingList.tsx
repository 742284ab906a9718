import { Empty, List, ProgressBar, SearchBar, Tag } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useT } from '../../../core/i18n';
import type { ShownBuilding } from './shownBook';

function progress(building: ShownBuilding) {
  const households = building.units.flatMap((u) => u.households);
  return {
    total: households.length,
    visited: households.filter((h) => h.visitedAt).length,
    waiting: households.filter((h) => h.waiting > 0).length,
  };
}

/** The buildings of the worker's grid, found by address, compound or name, with how many households were visited. */
export function BuildingList({ buildings, onOpen }: { buildings: ShownBuilding[]; onOpen: (id: number) => void }) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const found = useMemo(() => {
    const q = query.trim();
    if (!q) return buildings;
    return buildings.filter((b) => [b.name, b.address, b.compound ?? ''].some((text) => text.includes(q)));
  }, [buildings, query]);

  return (
    <>
      <div className="sz-phone-search">
        <SearchBar value={query} onChange={setQuery} placeholder={t('doorstep.search')} data-testid="doorstep-search" />
      </div>
      {found.length === 0 ? (
        <Empty description={t('doorstep.noBuildings')} />
      ) : (
        <List mode="card" data-testid="doorstep-buildings">
          {found.map((b) => {
            const p = progress(b);
            return (
              <List.Item
                key={b.id}
                onClick={() => onOpen(b.id)}
                title={b.compound ?? undefined}
                description={
                  <div className="sz-phone-progress">
                    <ProgressBar percent={p.total ? (p.visited / p.total) * 100 : 0} />
                    <span>{t('doorstep.progress', { visited: p.visited, total: p.total })}</span>
                  </div>
                }
                extra={
                  p.waiting > 0 && (
                    <Tag color="warning" fill="outline">
                      {t('doorstep.waiting')}
                    </Tag>
                  )
                }
              >
                <div>{b.name}</div>
                <div className="sz-phone-muted">{b.address}</div>
              </List.Item>
            );
          })}
        </List>
      )}
    </>
  );
}
