import { Button, Input, List, NoticeBar, Popup, Selector } from 'antd-mobile';
import { useState } from 'react';
import { idNumberProblem } from '../../../../../server/src/core/id-number';
import { PERSON_TAGS, type PersonTag } from '../../../../../server/src/modules/registry/domain/tags';
import { type MessageKey, useT } from '../../../core/i18n';
import type { NewResident } from './api';

/** Age groups follow from the birth date on the server; the worker never types them. */
const OFFERED_TAGS = PERSON_TAGS.filter((tag) => tag !== 'elderly' && tag !== 'minor');

const ID_PROBLEM: Record<NonNullable<ReturnType<typeof idNumberProblem>>, MessageKey> = {
  format: 'people.idNumberInvalid',
  division: 'doorstep.idDivision',
  birth_date: 'doorstep.idBirthDate',
  check_digit: 'doorstep.idCheckDigit',
};

interface Fields {
  name: string;
  idNumber: string;
  phone: string;
  registered: boolean;
  tags: PersonTag[];
}

const empty = (): Fields => ({ name: '', idNumber: '', phone: '', registered: false, tags: [] });

interface Props {
  open: boolean;
  /** ID numbers already on the form, so one person is not added twice. */
  taken: string[];
  onClose: () => void;
  onAdd: (resident: NewResident) => void;
}

/**
 * One newcomer, checked here as far as the phone can (the ID number's check character), because a visit recorded
 * offline is only refused by the server later, away from the door.
 */
export function NewcomerSheet({ open, taken, onClose, onAdd }: Props) {
  const { t, code } = useT();
  const [fields, setFields] = useState(empty);
  const [error, setError] = useState<string>();
  const edit = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));

  function add() {
    const name = fields.name.trim();
    const idNumber = fields.idNumber.trim().toUpperCase();
    const phone = fields.phone.trim();
    const problem = idNumberProblem(idNumber);
    if (!name) return setError(t('doorstep.nameRequired'));
    if (problem) return setError(t(ID_PROBLEM[problem]));
    if (taken.includes(idNumber)) return setError(t('doorstep.idTwice'));
    if (phone && !/^1\d{10}$/.test(phone)) return setError(t('people.phoneInvalid'));
    onAdd({
      name,
      idNumber,
      phone: phone || undefined,
      registered: fields.registered,
      tags: fields.tags.length ? fields.tags.map((tag) => ({ tag })) : undefined,
    });
    setFields(empty());
    setError(undefined);
  }

  return (
    <Popup visible={open} onMaskClick={onClose} bodyClassName="sz-phone-sheet" destroyOnClose>
      <List header={t('doorstep.newcomer')} data-testid="doorstep-newcomer-sheet">
        <List.Item prefix={<span className="sz-phone-label">{t('people.name')}</span>}>
          <Input value={fields.name} onChange={(name) => edit({ name })} maxLength={50} data-testid="newcomer-name" />
        </List.Item>
        <List.Item prefix={<span className="sz-phone-label">{t('people.idNumber')}</span>}>
          <Input
            value={fields.idNumber}
            onChange={(idNumber) => edit({ idNumber })}
            placeholder={t('doorstep.idPlaceholder')}
            maxLength={18}
            data-testid="newcomer-id"
          />
        </List.Item>
        <List.Item prefix={<span className="sz-phone-label">{t('people.phone')}</span>}>
          <Input
            value={fields.phone}
            onChange={(phone) => edit({ phone })}
            placeholder={t('doorstep.optional')}
            type="tel"
            maxLength={11}
            data-testid="newcomer-phone"
          />
        </List.Item>
        <List.Item>
          <Selector
            columns={2}
            value={[fields.registered ? 'registered' : 'floating']}
            onChange={([v]) => v && edit({ registered: v === 'registered' })}
            options={[
              { label: t('people.registered'), value: 'registered' },
              { label: t('people.floating'), value: 'floating' },
            ]}
            data-testid="newcomer-registered"
          />
        </List.Item>
        <List.Item title={t('doorstep.tags')}>
          <Selector
            columns={3}
            multiple
            value={fields.tags}
            onChange={(tags) => edit({ tags })}
            options={OFFERED_TAGS.map((tag) => ({ label: code('personTag', tag), value: tag }))}
            data-testid="newcomer-tags"
          />
        </List.Item>
      </List>
      <div className="sz-phone-actions">
        {error && <NoticeBar content={error} color="error" wrap data-testid="newcomer-error" />}
        <div className="sz-phone-hint">{t('doorstep.idKept')}</div>
        <Button block color="primary" onClick={add} data-testid="newcomer-add">
          {t('doorstep.add')}
        </Button>
        <Button block onClick={onClose}>
          {t('doorstep.cancel')}
        </Button>
      </div>
    </Popup>
  );
}
