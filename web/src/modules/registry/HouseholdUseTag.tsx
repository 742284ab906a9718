import { Tag } from 'antd';
import { useT } from '../../core/i18n';
import type { HouseholdUse } from './api';
import { USE_COLOUR } from './registryText';

export function HouseholdUseTag({ use }: { use: HouseholdUse }) {
  const { code } = useT();
  return <Tag color={USE_COLOUR[use]}>{code('householdUse', use)}</Tag>;
}
