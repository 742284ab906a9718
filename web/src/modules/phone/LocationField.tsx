import { Button, List, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { type Translator, useT } from '../../core/i18n';
import type { LngLat } from '../cases/PointMap';
import type { PlaceAt, PlaceHit } from './place/api';
import { PlaceSearchSheet, placeLine } from './place/PlaceSearchSheet';
import { type PlaceAtState, usePlaceAt } from './place/usePlaceAt';
import { useGeolocation } from './useGeolocation';

interface Props {
  /** The point to file the report at (WGS84), and its address once known (the grid goes with the point). */
  onChange: (point: LngLat | null, words?: string) => void;
  /** Opened from a grid's QR code without an account: places are looked up in that grid's street only. */
  publicGrid?: string;
}

const NONE = '—';

/** The line a resident reads for their fix: the building's address or the areas, then the grid. */
function fixLine(place: PlaceAt): string {
  const grid = place.grid?.name ?? '';
  const where = place.building ? place.building.address : place.areas.slice(1).join(' ');
  return [where, grid].filter(Boolean).join(' · ');
}

function fixDetail(place: PlaceAt, t: Translator['t']): string {
  const b = place.building;
  if (!b) return '';
  return [b.compound, b.inside ? null : t('place.near', { metres: b.metres })].filter(Boolean).join(' · ');
}

/**
 * Where the report is, in words: the phone's own position told as the building and grid it is in, or a compound or
 * building found by name. Coordinates go with the report but are never shown: an address is what a resident checks.
 * No map to tap: residents get no base tiles, and a blank map gives nothing to aim at.
 */
export function LocationField({ onChange, publicGrid }: Props) {
  const { t } = useT();
  const [geo, locate] = useGeolocation();
  const [picked, setPicked] = useState<PlaceHit | null>(null);
  const [searching, setSearching] = useState(false);
  const fix = geo.status === 'located' ? geo.point : null;
  const place = usePlaceAt(picked ? null : fix, publicGrid);
  const point: LngLat | null = picked ? [picked.lng, picked.lat] : fix;

  let line = NONE;
  let detail = '';
  if (picked) {
    line = [placeLine(picked), picked.gridName].filter(Boolean).join(' · ');
    detail = picked.kind === 'building' ? (picked.compound ?? '') : '';
  } else if (geo.status === 'locating') detail = t('phone.locating');
  else if (geo.status === 'unavailable') detail = t('place.unavailable');
  else ({ line, detail } = fromFix(place, t));

  const [x, y] = point ?? [];
  const words = picked ? placeLine(picked) : addressOf(place, t);
  useEffect(() => {
    onChange(x === undefined || y === undefined ? null : [x, y], words);
  }, [x, y, words, onChange]);

  return (
    <List header={t('phone.location')} mode="card">
      <List.Item description={detail}>
        <span data-testid="phone-location">{line}</span>
      </List.Item>
      <List.Item>
        <Space wrap>
          <Button
            size="small"
            color="primary"
            fill="outline"
            onClick={() => setSearching(true)}
            data-testid="place-search-open"
          >
            {t('place.search')}
          </Button>
          <Button
            size="small"
            onClick={() => {
              setPicked(null);
              locate();
            }}
          >
            {t('phone.locateAgain')}
          </Button>
        </Space>
      </List.Item>
      <PlaceSearchSheet
        open={searching}
        publicGrid={publicGrid}
        near={place.status === 'found' ? place.place.grid?.code : undefined}
        onClose={() => setSearching(false)}
        onPick={(hit) => {
          setPicked(hit);
          setSearching(false);
        }}
      />
    </List>
  );
}

function fromFix(place: PlaceAtState, t: Translator['t']): { line: string; detail: string } {
  if (place.status === 'found' && !place.place.grid) return { line: NONE, detail: t('place.outside') };
  if (place.status === 'found') return { line: fixLine(place.place), detail: fixDetail(place.place, t) };
  if (place.status === 'failed') return { line: NONE, detail: t('place.addressUnknown') };
  return { line: NONE, detail: t('place.looking') };
}

/** The address a case keeps for the fix: the building's, or beside it; none where only the grid is known. */
function addressOf(place: PlaceAtState, t: Translator['t']): string | undefined {
  const b = place.status === 'found' ? place.place.building : null;
  if (!b) return undefined;
  return b.inside ? b.address : t('place.beside', { address: b.address });
}
