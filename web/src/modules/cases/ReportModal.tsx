import { Alert, Form, Input, Modal, TreeSelect } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type CaseDetail, newIdempotencyKey, reportCase } from './api';
import { LocationPicker } from './LocationPicker';
import type { LngLat } from './PointMap';
import { useCategoryOptions } from './useCategories';

interface Values {
  categoryCode: string;
  description: string;
  address?: string;
  location: LngLat;
  contactName?: string;
  contactPhone?: string;
}

const blankToUndefined = (s: string | undefined) => s?.trim() || undefined;

/** A hotline operator records a caller's problem. */
export function ReportModal({
  onReported,
  onClose,
}: {
  onReported: (detail: CaseDetail) => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const categories = useCategoryOptions();
  // One key for this form: pressing submit again after a lost response must not file the call twice.
  const [key] = useState(newIdempotencyKey);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const [lng, lat] = values.location;
      const name = blankToUndefined(values.contactName);
      const phone = blankToUndefined(values.contactPhone);
      const detail = await reportCase(
        {
          categoryCode: values.categoryCode,
          description: values.description.trim(),
          address: blankToUndefined(values.address),
          location: { lng, lat, crs: 'wgs84' },
          contact: name || phone ? { name, phone } : undefined,
          viaHotline: true,
        },
        key,
      );
      onReported(detail);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={`${t('report.title')} · ${t('report.viaHotline')}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('report.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'report-submit' } as never}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="categoryCode"
          label={t('report.category')}
          rules={[{ required: true, message: t('report.categoryRequired') }]}
        >
          <TreeSelect
            data-testid="report-category"
            treeData={categories}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll={false}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('report.description')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('report.descriptionRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="address" label={t('report.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('report.location')}
          rules={[{ required: true, message: t('report.locationRequired') }]}
        >
          <LocationPicker />
        </Form.Item>
        <Form.Item name="contactName" label={t('report.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('report.contactPhone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
