import { useT } from '../../core/i18n';
import {
  AFFORDABLE_TYPES,
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  type ThingLayer,
  VENUE_KIND_LABELS,
  VENUE_KINDS,
} from './api';
import { AFFORDABLE_COLOURS, FACILITY_COLOURS, ORDINARY_COLOUR, VENUE_COLOURS } from './buildingStyle';

function Swatch({ colour, label, point }: { colour: string; label: string; point?: boolean }) {
  return (
    <li>
      <span className={point ? 'sz-legend-dot' : 'sz-legend-swatch'} style={{ background: colour }} />
      {label}
    </li>
  );
}

/** What the building colours mean, and the point colours of the layers switched on. */
export function MapLegend({ layers }: { layers: readonly ThingLayer[] }) {
  const { t, code, lang } = useT();
  return (
    <ul className="sz-legend" aria-label={t('registry.legend')} data-testid="registry-legend">
      <Swatch colour={ORDINARY_COLOUR} label={t('registry.ordinary')} />
      {AFFORDABLE_TYPES.map((type) => (
        <Swatch key={type} colour={AFFORDABLE_COLOURS[type]} label={code('affordable', type)} />
      ))}
      {layers.includes('venues') &&
        VENUE_KINDS.map((kind) => (
          <Swatch key={kind} point colour={VENUE_COLOURS[kind]} label={VENUE_KIND_LABELS[kind][lang]} />
        ))}
      {layers.includes('facilities') &&
        FACILITY_KINDS.map((kind) => (
          <Swatch key={kind} point colour={FACILITY_COLOURS[kind]} label={FACILITY_KIND_LABELS[kind][lang]} />
        ))}
    </ul>
  );
}
