import { List, Popup, SearchBar, SpinLoading, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import { findPlaces, type PlaceHit } from './api';
import './place.css';

interface Props {
  open: boolean;
  /** Without an account: the grid of the QR code, whose street the search stays in. */
  publicGrid?: string;
  /** Signed in: the grid the phone stands in, to look in its street first. */
  near?: string;
  onPick: (place: PlaceHit) => void;
  onClose: () => void;
}

type Found =
  | { status: 'idle' | 'searching' }
  | { status: 'done'; items: PlaceHit[] }
  | { status: 'failed'; error: string };

/** Typing pauses this long before a search goes, so a word typed on 3G costs one request, not one per character. */
const PAUSE_MS = 300;

/** What a resident calls a place, and the grid it belongs to: never coordinates. */
export function placeLine(p: Pick<PlaceHit, 'kind' | 'name' | 'address'>): string {
  if (p.kind === 'compound') return p.address ? `${p.name}（${p.address}）` : p.name;
  return p.address ?? p.name;
}

/** 搜索小区或楼栋: a compound or building by a few words of its name or address; picking one sets the report's place. */
export function PlaceSearchSheet({ open, publicGrid, near, onPick, onClose }: Props) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found>({ status: 'idle' });

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setFound({ status: 'idle' });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setFound({ status: 'searching' });
      findPlaces(text, { publicGrid, near }).then(
        (items) => live && setFound({ status: 'done', items }),
        (err: unknown) => live && setFound({ status: 'failed', error: errorMessage(err) }),
      );
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, publicGrid, near]);

  return (
    <Popup visible={open} onMaskClick={onClose} destroyOnClose bodyClassName="sz-phone-sheet">
      <div className="sz-place-search" data-testid="place-search">
        <SearchBar
          value={q}
          onChange={setQ}
          placeholder={t('place.searchPlaceholder')}
          autoFocus
          showCancelButton
          onCancel={onClose}
        />
        {found.status === 'idle' && <div className="sz-phone-hint">{t('place.searchHint')}</div>}
        {found.status === 'searching' && (
          <div className="sz-phone-center">
            <SpinLoading />
          </div>
        )}
        {found.status === 'failed' && <div className="sz-phone-hint sz-phone-error-text">{found.error}</div>}
        {found.status === 'done' && !found.items.length && <div className="sz-phone-hint">{t('place.noHits')}</div>}
        {found.status === 'done' && found.items.length > 0 && (
          <List>
            {found.items.map((p) => (
              <List.Item
                key={`${p.kind}-${p.id}`}
                onClick={() => onPick(p)}
                prefix={
                  <Tag color={p.kind === 'compound' ? 'primary' : 'default'} fill="outline">
                    {t(p.kind === 'compound' ? 'place.compound' : 'place.building')}
                  </Tag>
                }
                description={[p.kind === 'building' ? p.compound : null, p.gridName].filter(Boolean).join(' · ')}
              >
                {placeLine(p)}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Popup>
  );
}
