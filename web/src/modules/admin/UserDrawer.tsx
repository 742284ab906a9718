import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { loadedValue, useLoad } from '../../core/query';
import { AreaSelect } from '../geo/AreaSelect';
import { useSession } from '../identity/session';
import { type AdminUser, changeUser, createUser, fetchOrgs, type Org, type RoleCode, type UserChange } from './api';

interface Values {
  username: string;
  displayName: string;
  role: RoleCode;
  scopeCode: string;
  orgCode?: string;
  /** A new work phone; left empty, the one on record stays (unless removePhone). */
  workPhone?: string;
  removePhone?: boolean;
}

/** The inputs the server may name in a refusal; any other field's goes above the buttons. */
const FIELDS = new Set<string>(['username', 'displayName', 'role', 'scopeCode', 'orgCode', 'workPhone']);

/** The server's rule: a mainland mobile number, or a landline with its area code. */
const WORK_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const NO_ORGS: Org[] = [];

/** Same test as the server's `path <@ scope`: an organisation the administrator may bind someone to. */
const within = (scope: string, path: string) => scope === '' || path === scope || path.startsWith(`${scope}.`);

/** Only what the form changed, so that a new name alone never reads as a change of role or scope. */
function changes(user: AdminUser, v: Values): UserChange {
  const change: UserChange = {};
  if (v.displayName.trim() !== user.displayName) change.displayName = v.displayName.trim();
  if (v.role !== user.role) change.role = v.role;
  if (v.scopeCode !== user.scopeCode) change.scopeCode = v.scopeCode;
  if (v.role === 'department_staff' && v.orgCode !== user.orgCode) change.orgCode = v.orgCode;
  // someone who stops being department staff no longer acts for the department
  if (v.role !== 'department_staff' && user.role === 'department_staff' && user.orgCode) change.orgCode = null;
  const phone = v.workPhone?.trim();
  if (phone) change.workPhone = phone;
  else if (v.removePhone && user.workPhoneMasked) change.workPhone = null;
  return change;
}

interface Props {
  /** The user to edit, or 'new'. */
  editing: AdminUser | 'new';
  /** The roles the administrator may give, as the server lists them. */
  grantableRoles: readonly RoleCode[];
  onClose: () => void;
  onCreated: (user: AdminUser, oneTimePassword: string) => void;
  onSaved: (user: AdminUser) => void;
}

/**
 * 新建用户 / 编辑用户: name, role, scope by area name, the department of department staff, and a staff member's work
 * phone (shown masked: a new number replaces it, and it can be removed).
 */
export function UserDrawer({ editing, grantableRoles, onClose, onCreated, onSaved }: Props) {
  const { t, code } = useT();
  const { user: me } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const user = editing === 'new' ? undefined : editing;
  const self = user?.id === me.id;
  const orgs = loadedValue(useLoad(['identity', 'orgs'], 'all', fetchOrgs, { once: true })) ?? NO_ORGS;

  // residents sign themselves up on the phone; a resident's account keeps its role on the list
  const roles = grantableRoles.filter((r) => r !== 'resident' || user?.role === 'resident');

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      if (user) {
        const change = changes(user, values);
        if (Object.keys(change).length === 0) onClose();
        else onSaved((await changeUser(user.id, change)).user);
      } else {
        const { user: created, oneTimePassword } = await createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          scopeCode: values.scopeCode,
          ...(values.role === 'department_staff' && values.orgCode ? { orgCode: values.orgCode } : {}),
          ...(values.role !== 'resident' && values.workPhone?.trim() ? { workPhone: values.workPhone.trim() } : {}),
        });
        onCreated(created, oneTimePassword);
      }
    } catch (err) {
      // the server names the field it refused, in the user's language: the message goes under that input
      const field = err instanceof ApiError ? err.field : undefined;
      if (field && FIELDS.has(field)) form.setFields([{ name: field as keyof Values, errors: [errorMessage(err)] }]);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.newTitle')}
      size={480}
      data-testid="users-drawer"
      footer={
        <Space className="sz-form-actions">
          <Button onClick={onClose}>{t('users.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="users-submit">
            {user ? t('users.save') : t('users.create')}
          </Button>
        </Space>
      }
    >
      {self && <Alert type="info" showIcon title={t('users.selfHint')} className="sz-form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                scopeCode: user.scopeCode,
                orgCode: user.orgCode ?? undefined,
              }
            : undefined
        }
        data-testid="users-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9._-]{3,64}$/, message: t('users.usernameHint') },
          ]}
        >
          <Input maxLength={64} disabled={!!user} className="sz-mono" autoComplete="off" data-testid="users-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={50} autoComplete="off" data-testid="users-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select<RoleCode>
            disabled={self}
            options={roles.map((r) => ({ value: r, label: code('role', r) }))}
            data-testid="users-role"
          />
        </Form.Item>
        <Form.Item
          name="scopeCode"
          label={t('users.scope')}
          extra={t('users.scopeHint')}
          // '' (the whole deployment) is a value, which `required` would take for none
          rules={[
            {
              validator: (_, value?: string) =>
                value === undefined ? Promise.reject(new Error(t('users.scopeRequired'))) : Promise.resolve(),
            },
          ]}
        >
          <AreaSelect
            testId="users-scope"
            valueName={user?.scopeName ?? undefined}
            everywhere={me.scopePath === ''}
            disabled={self}
          />
        </Form.Item>
        {role === 'department_staff' && (
          <Form.Item
            name="orgCode"
            label={t('users.org')}
            rules={[{ required: true, message: t('users.orgRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={orgs
                .filter((o) => within(me.scopePath, o.regionPath))
                .map((o) => ({ value: o.code, label: o.name }))}
              data-testid="users-org"
            />
          </Form.Item>
        )}
        {role && role !== 'resident' && (
          <>
            <Form.Item
              name="workPhone"
              label={t('users.workPhone')}
              extra={t('users.workPhoneHint')}
              rules={[{ pattern: WORK_PHONE, message: t('users.workPhoneInvalid') }]}
            >
              <Input
                maxLength={13}
                inputMode="tel"
                autoComplete="off"
                placeholder={user?.workPhoneMasked ?? undefined}
                data-testid="users-work-phone"
              />
            </Form.Item>
            {user?.workPhoneMasked && (
              <Form.Item name="removePhone" valuePropName="checked">
                <Checkbox data-testid="users-remove-phone">{t('users.workPhoneRemove')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
    </Drawer>
  );
}
