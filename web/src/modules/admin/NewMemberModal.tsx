import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { AreaSelect } from '../geo/AreaSelect';
import { type AdminUser, createUser, type Employment, type OrgDetail } from './api';

interface Values {
  username: string;
  displayName: string;
  scopeCode: string;
  employment: Employment;
}

const FIELDS = new Set<string>(['username', 'displayName', 'scopeCode', 'employment']);

/**
 * A new account acting for this org (department staff, full-time or part-time), through the same user creation as
 * 用户管理: its one-time password is shown once by the caller.
 */
export function NewMemberModal({
  org,
  onClose,
  onCreated,
}: {
  org: OrgDetail['org'];
  onClose: () => void;
  onCreated: (user: AdminUser, oneTimePassword: string) => void;
}) {
  const { t, code } = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const { user, oneTimePassword } = await createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: 'department_staff',
        scopeCode: v.scopeCode,
        orgCode: org.code,
        employment: v.employment,
      });
      onCreated(user, oneTimePassword);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field && FIELDS.has(field)) form.setFields([{ name: field as keyof Values, errors: [errorMessage(err)] }]);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('orgs.newMemberTitle', { org: org.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.create')}
      cancelText={t('users.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'orgs-member-submit' } as never}
      destroyOnHidden
    >
      <div data-testid="orgs-member-modal">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          initialValues={{ scopeCode: org.regionCode, employment: 'full_time' }}
        >
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[
              { required: true, whitespace: true, message: t('users.usernameRequired') },
              { pattern: /^[A-Za-z0-9._-]{3,64}$/, message: t('users.usernameHint') },
            ]}
          >
            <Input maxLength={64} className="sz-mono" autoComplete="off" data-testid="orgs-member-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
          >
            <Input maxLength={50} autoComplete="off" data-testid="orgs-member-display-name" />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('users.scope')} extra={t('orgs.memberScopeHint')}>
            <AreaSelect testId="orgs-member-scope" valueName={org.regionName ?? undefined} />
          </Form.Item>
          <Form.Item name="employment" label={t('orgs.employment')}>
            <Radio.Group
              options={(['full_time', 'part_time'] as const).map((e) => ({ value: e, label: code('employment', e) }))}
              data-testid="orgs-member-employment-choice"
            />
          </Form.Item>
          <Alert type="info" showIcon title={t('orgs.memberRoleHint', { role: code('role', 'department_staff') })} />
        </Form>
        {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
      </div>
    </Modal>
  );
}
