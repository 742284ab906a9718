import { useT } from '../../core/i18n';
import { AFFORDABLE_TYPES } from './api';
import { AFFORDABLE_COLOURS, ORDINARY_COLOUR } from './buildingStyle';

function Swatch({ colour, label }: { colour: string; label: string }) {
  return (
    <li>
      <span className="sz-legend-swatch" style={{ background: colour }} />
      {label}
    </li>
  );
}

/** What the building colours mean. */
export function MapLegend() {
  const { t, code } = useT();
  return (
    <ul className="sz-legend" aria-label={t('registry.legend')}>
      <Swatch colour={ORDINARY_COLOUR} label={t('registry.ordinary')} />
      {AFFORDABLE_TYPES.map((type) => (
        <Swatch key={type} colour={AFFORDABLE_COLOURS[type]} label={code('affordable', type)} />
      ))}
    </ul>
  );
}
