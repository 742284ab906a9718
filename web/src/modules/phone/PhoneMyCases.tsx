import { useT } from '../../core/i18n';
import { PhoneCaseBox } from './PhoneCaseBox';

export function PhoneMyCases({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useT();
  return <PhoneCaseBox box="reported_by_me" empty={t('phone.noCases')} onOpen={onOpen} testId="phone-my-cases" />;
}
