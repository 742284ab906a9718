import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { AreaSelect } from '../geo/AreaSelect';
import { useSession } from '../identity/session';
import { createOrg, type Org, type OrgKind } from './api';
import { ORG_KIND_ORDER } from './OrgsPage';

interface Values {
  kind: OrgKind;
  regionCode: string;
  key: string;
  name: string;
  services?: string[];
}

const FIELDS = new Set<string>(['kind', 'regionCode', 'key', 'name', 'services']);

/** Kinds a district administrator creates; a street administrator's scope holds no district, so no departments. */
const DISTRICT_KINDS: OrgKind[] = ['department', 'fire_service_centre'];

/** 新建组织: a department with the services it owns, or a team for a street, inside the administrator's scope. */
export function NewOrgModal({ onClose, onCreated }: { onClose: () => void; onCreated: (org: Org) => void }) {
  const { t, code } = useT();
  const { user: me } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const regionCode = Form.useWatch('regionCode', form);
  const key = Form.useWatch('key', form);
  const belowDistrict = me.scopePath.split('.').length > 3;
  const kinds = ORG_KIND_ORDER.filter((k) => !(belowDistrict && DISTRICT_KINDS.includes(k)));

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const { org } = await createOrg({
        kind: v.kind,
        regionCode: v.regionCode,
        key: v.key.trim(),
        name: v.name.trim(),
        ...(v.kind === 'department' ? { services: v.services ?? [] } : {}),
      });
      onCreated(org);
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
      title={t('orgs.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.create')}
      cancelText={t('users.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'orgs-new-submit' } as never}
      width={560}
      destroyOnHidden
    >
      <div data-testid="orgs-new-modal">
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true, message: t('orgs.kindRequired') }]}>
            <Select<OrgKind>
              options={kinds.map((k) => ({ value: k, label: code('orgKind', k) }))}
              data-testid="orgs-new-kind"
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('orgs.region')}
            extra={t('orgs.regionHint')}
            rules={[{ required: true, message: t('orgs.regionRequired') }]}
          >
            <AreaSelect testId="orgs-new-region" everywhere={false} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('orgs.name')}
            rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}
          >
            <Input maxLength={60} data-testid="orgs-new-name" />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('orgs.key')}
            extra={t('orgs.keyHint', { code: `${regionCode ?? '370983'}-${key || 'urban_management'}` })}
            rules={[
              { required: true, message: t('orgs.keyRequired') },
              { pattern: /^[a-z_]{2,40}$/, message: t('orgs.keyPattern') },
            ]}
          >
            <Input maxLength={40} className="sz-mono" data-testid="orgs-new-key" />
          </Form.Item>
          {kind === 'department' && (
            <Form.Item name="services" label={t('orgs.services')} extra={t('orgs.servicesHint')}>
              <Select<string[]>
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', '、']}
                data-testid="orgs-new-services"
              />
            </Form.Item>
          )}
        </Form>
        {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
      </div>
    </Modal>
  );
}
