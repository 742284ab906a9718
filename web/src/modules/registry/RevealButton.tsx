import { EyeOutlined } from '@ant-design/icons';
import { type MessageKey, useT } from '../../core/i18n';
import { type RevealField, revealPerson } from './api';
import { ReasonButton } from './ReasonButton';

const FIELD_LABEL: Record<RevealField, MessageKey> = { idNumber: 'people.idNumber', phone: 'people.phone' };

interface Props {
  personId: number;
  field: RevealField;
  onRevealed: (value: string) => void;
}

/** Asks why before asking the server, which keeps the reason with its record of who saw what. */
export function RevealButton({ personId, field, onRevealed }: Props) {
  const { t } = useT();
  return (
    <ReasonButton
      button={{ size: 'small', type: 'link', icon: <EyeOutlined /> }}
      buttonLabel={t('person.reveal')}
      buttonTestId={`reveal-${field}`}
      title={t('person.revealTitle', { field: t(FIELD_LABEL[field]) })}
      okText={t('person.revealSubmit')}
      label={t('person.revealReason')}
      hint={t('person.revealReasonHint')}
      requiredMessage={t('person.revealReasonRequired')}
      testId="reveal"
      onSubmit={async (reason) => onRevealed(await revealPerson(personId, field, reason))}
    />
  );
}
