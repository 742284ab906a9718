import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../core/i18n';
import type { Region } from './api';
import { regionsQuery } from './regionsQuery';

interface Props {
  value?: string;
  /** Must be stable (a state setter): it also receives the starting region once the top level has loaded. */
  onChange: (code: string | undefined) => void;
  testId: string;
  className?: string;
}

/**
 * The regions of the user's scope, their children loaded as they are opened. A user over one region starts on it;
 * one over several starts on all of them, which is also what clearing the field gives.
 */
export function RegionSelect({ value, onChange, testId, className }: Props) {
  const { t } = useT();
  const client = useQueryClient();
  const [regions, setRegions] = useState<Region[]>([]);

  useEffect(() => {
    let live = true;
    client.fetchQuery(regionsQuery()).then(
      (top) => {
        if (!live) return;
        setRegions(top);
        if (top.length === 1 && top[0]) onChange(top[0].code);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, onChange]);

  async function loadChildren(code: string) {
    const children = await client.fetchQuery(regionsQuery(code));
    setRegions((prev) => [...prev, ...children.filter((c) => !prev.some((p) => p.code === c.code))]);
  }

  return (
    <TreeSelect
      data-testid={testId}
      className={className}
      value={value}
      onChange={(code?: string) => onChange(code)}
      allowClear
      placeholder={t('geo.allRegions')}
      treeDataSimpleMode={{ id: 'value', pId: 'pId' }}
      treeData={regions.map((r) => ({
        value: r.code,
        pId: r.parentCode,
        title: r.name,
        isLeaf: r.childCount === 0,
      }))}
      loadData={(node) => loadChildren(String(node.value))}
      showSearch={{ treeNodeFilterProp: 'title' }}
    />
  );
}
