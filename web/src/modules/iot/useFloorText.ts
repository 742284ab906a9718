import { useT } from '../../core/i18n';

/** "3 层" / "floor 3", and below ground "地下 1 层" / "basement 1". */
export function useFloorText(): (floor: number | null) => string {
  const { t } = useT();
  return (floor) => {
    if (floor === null) return '';
    return floor < 0 ? t('iot.basement', { floor: -floor }) : t('iot.floor', { floor });
  };
}
