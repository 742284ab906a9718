import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type Compound, editCompound } from './api';

interface Values {
  propertyCompany?: string;
  address?: string;
}

interface Props {
  compound: Compound | undefined;
  onSaved: () => void;
  onClose: () => void;
}

/** A blank field clears it: a compound can lose its property company. */
const orNull = (text?: string) => text?.trim() || null;

/** 修改小区: its property company and address; the server decides whose scope covers the compound. */
export function CompoundEditModal({ compound, onSaved, onClose }: Props) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(values: Values) {
    if (!compound) return;
    setBusy(true);
    setError(undefined);
    try {
      await editCompound(compound.id, {
        propertyCompany: orNull(values.propertyCompany),
        address: orNull(values.address),
      });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={compound !== undefined}
      title={t('compound.editTitle', { name: compound?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('compound.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'compound-save' } as never}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ propertyCompany: compound?.propertyCompany ?? '', address: compound?.address ?? '' }}
        data-testid="compound-form"
      >
        <Form.Item name="propertyCompany" label={t('compound.propertyCompany')} extra={t('compound.blankClears')}>
          <Input maxLength={100} allowClear data-testid="compound-company" />
        </Form.Item>
        <Form.Item name="address" label={t('compound.address')}>
          <Input maxLength={200} allowClear data-testid="compound-address" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="compound-error" />}
    </Modal>
  );
}
