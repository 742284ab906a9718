import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, type BreadcrumbProps } from 'antd';
import type { MouseEvent } from 'react';
import { useT } from '../../core/i18n';
import type { ChainLink } from './api';

interface Props {
  chain: ChainLink[];
  gridName: string | null;
  onSelectRegion: (code: string | null) => void;
}

export function GeoBreadcrumb({ chain, gridName, onSelectRegion }: Props) {
  const { t } = useT();
  const go = (code: string | null) => (event: MouseEvent) => {
    event.preventDefault();
    onSelectRegion(code);
  };
  const items: BreadcrumbProps['items'] = [
    {
      key: 'all',
      href: '#',
      onClick: go(null),
      title: (
        <>
          <HomeOutlined /> {t('geo.allRegions')}
        </>
      ),
    },
    ...chain.map((link) => ({ key: link.code, href: '#', onClick: go(link.code), title: link.name })),
  ];
  if (gridName) items.push({ key: 'grid', title: gridName });
  return (
    <div data-testid="breadcrumb" className="sz-breadcrumb">
      <Breadcrumb separator="›" items={items} />
    </div>
  );
}
