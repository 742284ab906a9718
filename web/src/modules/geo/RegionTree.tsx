import { useQueryClient } from '@tanstack/react-query';
import { Alert, Spin, Tree, type TreeDataNode } from 'antd';
import { type Key, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import type { Region } from './api';
import { regionsQuery } from './regionsQuery';

/** Children are keyed by parent code; the top level, which has no parent, by ''. */
type Loaded = Record<string, Region[]>;

const TOP = '';

interface Props {
  selected: string | null;
  /** Codes from the district down, expanded so the selection and what lies below it are visible. */
  expandPath: string[];
  onSelect: (code: string) => void;
}

function RegionTitle({ region }: { region: Region }) {
  const { t } = useT();
  return (
    <span className="sz-tree-title">
      {region.name}
      {region.level === 'compound' && (
        <span className="sz-tree-level">
          {t(region.kind === 'village' ? 'geo.fourthLevel.village' : 'geo.fourthLevel.compound')}
        </span>
      )}
      <span className="sz-tree-count" title={t('geo.gridCount', { count: region.gridCount })}>
        {region.gridCount}
      </span>
    </span>
  );
}

function toNodes(loaded: Loaded, parent: string): TreeDataNode[] {
  return (loaded[parent] ?? []).map((region) => ({
    key: region.code,
    title: <RegionTitle region={region} />,
    isLeaf: region.childCount === 0,
    children: loaded[region.code] ? toNodes(loaded, region.code) : undefined,
  }));
}

export function RegionTree({ selected, expandPath, onSelect }: Props) {
  const client = useQueryClient();
  const [loaded, setLoaded] = useState<Loaded>({});
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [error, setError] = useState<string>();
  // Requests already made, so the tree's own lazy loading and the expansion below never fetch twice.
  const requests = useRef(new Map<string, Promise<void>>());

  const load = useCallback(
    (parent: string) => {
      let request = requests.current.get(parent);
      if (!request) {
        request = client.fetchQuery(regionsQuery(parent || undefined)).then(
          (items) => setLoaded((prev) => ({ ...prev, [parent]: items })),
          (err: unknown) => {
            requests.current.delete(parent);
            setError(errorMessage(err));
          },
        );
        requests.current.set(parent, request);
      }
      return request;
    },
    [client],
  );

  useEffect(() => {
    void load(TOP);
  }, [load]);

  // Joined so that the effect depends on the codes, not on a new array every render.
  const pathKey = expandPath.join('/');
  useEffect(() => {
    if (!pathKey) return;
    const codes = pathKey.split('/');
    let live = true;
    void Promise.all(codes.map(load)).then(() => {
      if (live) setExpanded((prev) => [...new Set([...prev, ...codes])]);
    });
    return () => {
      live = false;
    };
  }, [pathKey, load]);

  return (
    <div data-testid="region-tree">
      {error && <Alert type="error" showIcon title={error} />}
      {!loaded[TOP] && !error && <Spin className="sz-tree-spin" />}
      <Tree
        blockNode
        treeData={toNodes(loaded, TOP)}
        loadData={(node) => load(String(node.key))}
        expandedKeys={expanded}
        onExpand={setExpanded}
        selectedKeys={selected ? [selected] : []}
        onSelect={(keys) => {
          // Clicking the selected node again would deselect it; keep the current drill level instead.
          const [code] = keys;
          if (code !== undefined) onSelect(String(code));
        }}
      />
    </div>
  );
}
