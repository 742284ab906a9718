import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../core/i18n';
import { erasePerson } from './api';
import { ReasonButton } from './ReasonButton';

interface Props {
  personId: number;
  name: string;
  onErased: () => void;
}

/** 删除个人信息, on the person's request: there is no undo, so it asks why and says what stays behind. */
export function ErasePersonButton({ personId, name, onErased }: Props) {
  const { t } = useT();
  return (
    <ReasonButton
      button={{ danger: true, icon: <DeleteOutlined /> }}
      buttonLabel={t('person.erase')}
      buttonTestId="erase-person"
      title={t('person.eraseTitle', { name })}
      okText={t('person.eraseSubmit')}
      label={t('person.eraseReason')}
      hint={t('person.eraseReasonHint')}
      requiredMessage={t('person.eraseReasonRequired')}
      warning={t('person.eraseWarning')}
      danger
      testId="erase"
      onSubmit={async (reason) => {
        await erasePerson(personId, reason);
        onErased();
      }}
    />
  );
}
