import { Form, InputNumber, Select } from 'antd';
import { useT } from '../../core/i18n';
import type { Org } from './api';

/** The server takes at most eight departments per whistle, one of them the lead. */
const MAX_HELPERS = 7;

/** Hours a whistled department has to report in unless the dispatcher says otherwise (the server's default too). */
export const DEFAULT_REPORT_IN_HOURS = 2;

/** 吹哨: one lead department, any helpers, and how soon they must report in. Sits inside the action's Form. */
export function WhistleFields({ orgs }: { orgs: Org[] }) {
  const { t } = useT();
  const lead = Form.useWatch<string | undefined>('lead');
  const options = orgs.map((o) => ({ value: o.code, label: o.name }));
  return (
    <>
      <Form.Item
        name="lead"
        label={t('whistle.leadOrg')}
        rules={[{ required: true, message: t('whistle.leadRequired') }]}
      >
        <Select data-testid="whistle-lead" showSearch={{ optionFilterProp: 'label' }} options={options} />
      </Form.Item>
      <Form.Item name="helpers" label={t('whistle.helperOrgs')}>
        <Select
          data-testid="whistle-helpers"
          mode="multiple"
          maxCount={MAX_HELPERS}
          showSearch={{ optionFilterProp: 'label' }}
          options={options.filter((o) => o.value !== lead)}
        />
      </Form.Item>
      <Form.Item
        name="reportInHours"
        label={t('whistle.reportInHours')}
        initialValue={DEFAULT_REPORT_IN_HOURS}
        rules={[{ required: true, message: t('whistle.reportInHoursRequired') }]}
      >
        <InputNumber min={1} max={72} precision={0} />
      </Form.Item>
    </>
  );
}
