import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../core/i18n';
import { fetchGrids } from './api';
import { regionsQuery } from './regionsQuery';

/** The whole deployment has no code; the tree needs one that no region or grid has. */
const EVERYWHERE = '*';

interface Node {
  value: string;
  pId: string | null;
  title: string;
  isLeaf: boolean;
  /** A region's grids come from another list than its child regions. */
  opens: 'regions' | 'grids' | 'nothing';
}

interface Props {
  /** A region or grid code; '' for the whole deployment (offered only with `everywhere`). */
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** The name of the starting value, shown before the tree has loaded down to it. */
  valueName?: string;
  /** Offer the whole deployment above the top regions (someone whose own scope is everything). */
  everywhere?: boolean;
  disabled?: boolean;
  testId: string;
}

/**
 * One area of the user's scope, down to a grid, picked by name: the top regions first, each region's children (or a
 * community's grids) loaded as it is opened, through the same cache as the map and the region pickers.
 */
export function AreaSelect({ value, onChange, valueName, everywhere = false, disabled, testId }: Props) {
  const { t } = useT();
  const client = useQueryClient();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    let live = true;
    client.fetchQuery(regionsQuery()).then(
      (top) => {
        if (!live) return;
        setNodes(
          top.map((r) => ({
            value: r.code,
            pId: null,
            title: r.name,
            isLeaf: r.childCount === 0 && r.gridCount === 0,
            opens: r.childCount > 0 ? 'regions' : r.gridCount > 0 ? 'grids' : 'nothing',
          })),
        );
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function open(node: Node) {
    let children: Node[];
    if (node.opens === 'regions') {
      const regions = await client.fetchQuery(regionsQuery(node.value));
      children = regions.map((r) => ({
        value: r.code,
        pId: node.value,
        title: r.name,
        isLeaf: r.childCount === 0 && r.gridCount === 0,
        opens: r.childCount > 0 ? 'regions' : r.gridCount > 0 ? 'grids' : 'nothing',
      }));
    } else if (node.opens === 'grids') {
      const grids = await client.fetchQuery({
        queryKey: ['geo', 'grids', node.value],
        queryFn: () => fetchGrids(node.value),
      });
      children = grids.features.map(({ properties: g }) => ({
        value: g.code,
        pId: node.value,
        title: g.name,
        isLeaf: true,
        opens: 'nothing',
      }));
    } else return;
    setNodes((prev) => [...prev, ...children.filter((c) => !prev.some((p) => p.value === c.value))]);
  }

  const treeData = [
    ...(everywhere ? [{ value: EVERYWHERE, pId: null, title: t('geo.everywhere'), isLeaf: true }] : []),
    ...nodes.map(({ opens: _, ...node }) => node),
  ];
  const selected = value === '' ? EVERYWHERE : value;
  const title = (code: string) =>
    code === EVERYWHERE ? t('geo.everywhere') : (nodes.find((n) => n.value === code)?.title ?? valueName ?? code);

  return (
    <TreeSelect
      data-testid={testId}
      disabled={disabled}
      // with the label given, a value whose branch has not been opened yet still reads as its name
      labelInValue
      value={selected === undefined ? undefined : { value: selected, label: title(selected) }}
      onChange={(picked?: { value: string; label?: unknown }) =>
        onChange?.(picked === undefined ? undefined : picked.value === EVERYWHERE ? '' : picked.value)
      }
      placeholder={t('geo.pickArea')}
      treeDataSimpleMode={{ id: 'value', pId: 'pId' }}
      treeData={treeData}
      loadData={async (picked) => {
        const node = nodes.find((n) => n.value === picked.value);
        if (node) await open(node);
      }}
      showSearch={{ treeNodeFilterProp: 'title' }}
      // every opened level in the page, so a long street list scrolls instead of leaving rows unrendered
      virtual={false}
      listHeight={320}
    />
  );
}
