import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useAbility } from '../../core/abilities';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { useInvalidate } from '../../core/query';
import { PERSON_TAGS, type Person, type PersonTag, tagPerson } from './api';
import { DERIVED_TAGS } from './PersonTagList';

interface Values {
  tag: PersonTag;
  detail?: string;
  reason: string;
}

/** 添加标签 after registration: which group, a detail, and the reason the audit trail keeps. */
export function AddTagButton({ person }: { person: Person }) {
  const { t, code } = useT();
  const mayEdit = useAbility('registry.record');
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!mayEdit) return null;
  const carried = new Set(person.tags.map((x) => x.tag));
  const options = PERSON_TAGS.filter((tag) => !DERIVED_TAGS.includes(tag) && !carried.has(tag)).map((tag) => ({
    value: tag,
    label: code('personTag', tag),
  }));

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await tagPerson(person.id, values.tag, values.detail?.trim() ?? '', values.reason.trim());
      await invalidate(['registry', 'person']);
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-tag">
        {t('person.addTag')}
      </Button>
      <Modal
        open={open}
        title={t('person.addTagTitle', { name: person.name })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('person.addTag')}
        okButtonProps={{ loading: busy, 'data-testid': 'add-tag-submit' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="tag" label={t('person.tags')} rules={[{ required: true, message: t('person.tagRequired') }]}>
            <Select options={options} data-testid="add-tag-tag" />
          </Form.Item>
          <Form.Item name="detail" label={t('person.tagDetail')}>
            <Input maxLength={100} data-testid="add-tag-detail" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('person.tagReason')}
            extra={t('person.tagReasonHint')}
            rules={[
              {
                required: true,
                min: 4,
                transform: (value?: string) => value?.trim(),
                message: t('person.tagReasonRequired'),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="add-tag-reason" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
