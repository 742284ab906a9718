import { Button, Dialog, Form, Input, NoticeBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { idNumberProblem } from '../../../../../server/src/core/id-number';
import { errorMessage } from '../../../core/api';
import { type MessageKey, useT } from '../../../core/i18n';
import { giveRealName, type Profile, removeRealName } from '../../identity/api';
import { showOnField } from './fieldErrors';

const FIELDS = ['name', 'idNumber'] as const;

const ID_PROBLEM: Record<NonNullable<ReturnType<typeof idNumberProblem>>, MessageKey> = {
  format: 'me.idNumberFormat',
  division: 'doorstep.idDivision',
  birth_date: 'doorstep.idBirthDate',
  check_digit: 'doorstep.idCheckDigit',
};

/**
 * Name and ID number, optional: the number checked here by the same GB 11643 rule the server applies, so a typo is
 * caught before sending; sealed by the server, and only ever shown back masked.
 */
export function RealNameForm({ realName, onDone }: { realName: Profile['realName']; onDone: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ name: string; idNumber: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ name, idNumber }: { name: string; idNumber: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await giveRealName(name.trim(), idNumber.trim().toUpperCase());
      Toast.show({ icon: 'success', content: t('me.realNameSaved') });
      onDone();
    } catch (err) {
      setError(showOnField(form, FIELDS, err));
      setBusy(false);
    }
  }

  async function remove() {
    const confirmed = await Dialog.confirm({
      content: t('me.realNameRemoveConfirm'),
      confirmText: t('me.realNameRemove'),
      cancelText: t('me.cancel'),
    });
    if (!confirmed) return;
    try {
      await removeRealName();
      Toast.show({ content: t('me.realNameRemoved') });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Form
      form={form}
      mode="card"
      onFinish={submit}
      data-testid="me-real-name-form"
      footer={
        <>
          {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="me-real-name-submit">
            {realName ? t('me.realNameChange') : t('me.save')}
          </Button>
          {realName && (
            <Button block fill="none" color="danger" onClick={() => void remove()} data-testid="me-real-name-remove">
              {t('me.realNameRemove')}
            </Button>
          )}
        </>
      }
    >
      <Form.Header>
        <span className="sz-phone-sheet-title">{t('me.realName')}</span>
      </Form.Header>
      <Form.Item>
        <div className="sz-phone-hint-left">
          {realName
            ? t('me.realNameCurrent', { name: realName.nameMasked, idNumber: realName.idNumberMasked })
            : t('me.realNameHint')}
        </div>
      </Form.Item>
      <Form.Item name="name" label={t('me.name')} rules={[{ required: true, message: t('me.nameRequired') }]}>
        <Input placeholder={t('me.namePlaceholder')} autoComplete="name" maxLength={30} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('me.idNumber')}
        rules={[
          { required: true, message: t('me.idNumberRequired') },
          {
            validator: (_, value?: string) => {
              const problem = value ? idNumberProblem(value.trim().toUpperCase()) : undefined;
              return problem ? Promise.reject(new Error(t(ID_PROBLEM[problem]))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input placeholder={t('me.idNumberPlaceholder')} maxLength={18} autoComplete="off" />
      </Form.Item>
    </Form>
  );
}
