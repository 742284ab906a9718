import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { ACTION_FIELDS } from './actionForms';
import {
  type ActionInput,
  type CaseAction,
  LEVELS,
  type Level,
  MAY_RECUR,
  type MayRecur,
  type Org,
  PRIORITIES,
  type Priority,
  RATINGS,
  type Rating,
  ROOT_CAUSES,
  type RootCause,
} from './api';
import { PhotoUpload } from './PhotoUpload';
import { WhistleFields } from './WhistleFields';

interface Values {
  note?: string;
  level?: Level;
  priority?: Priority;
  orgCode?: string;
  days?: number;
  masterCaseId?: number;
  rating?: Rating;
  resolved?: boolean;
  lead?: string;
  helpers?: string[];
  reportInHours?: number;
  mediaIds?: number[];
  summary?: { measures?: string; rootCause?: RootCause; rootCauseNote?: string; mayRecur?: MayRecur };
}

/** The form's values as the server takes them: a whistle's lead and helpers become one list of orgs. */
function toInput(
  action: CaseAction,
  current: Priority,
  { lead, helpers = [], mediaIds, note, priority, ...rest }: Values,
): ActionInput {
  return {
    action,
    ...rest,
    priority: priority !== current ? priority : undefined,
    note: note?.trim() || undefined,
    mediaIds: mediaIds?.length ? mediaIds : undefined,
    orgs: lead
      ? [{ orgCode: lead, role: 'lead' }, ...helpers.map((orgCode) => ({ orgCode, role: 'helper' as const }))]
      : undefined,
  };
}

interface Props {
  action: CaseAction;
  orgs: Org[];
  /** The case's priority now: the dispatch form starts from it. */
  priority: Priority;
  onSubmit: (input: ActionInput) => Promise<void>;
  onClose: () => void;
}

/**
 * The form of one action: a reason, a dispatch target and priority, whistled departments, extra days, a master case,
 * a rating, photos, a closing summary.
 */
export function ActionModal({ action, orgs, priority, onSubmit, onClose }: Props) {
  const { t, code } = useT();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const reprioritised = (Form.useWatch('priority', form) ?? priority) !== priority;
  const fields = ACTION_FIELDS[action] ?? {};
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(toInput(action, priority, values));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  const required = (key: Parameters<typeof t>[0]) => [{ required: true, message: t(key) }];
  return (
    <Modal
      open
      title={code('caseAction', action)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.submit')}
      okButtonProps={{ loading: busy, disabled: uploading, 'data-testid': 'action-submit' } as never}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ priority }}>
        {fields.dispatch && (
          <Form.Item name="level" label={t('action.level')} rules={required('action.levelRequired')}>
            <Select data-testid="action-level" options={LEVELS.map((l) => ({ value: l, label: code('level', l) }))} />
          </Form.Item>
        )}
        {fields.dispatch && level === 'department' && (
          <Form.Item name="orgCode" label={t('action.org')} rules={required('action.orgRequired')}>
            <Select
              data-testid="action-org"
              showSearch={{ optionFilterProp: 'label' }}
              options={orgs.map((o) => ({ value: o.code, label: o.name }))}
            />
          </Form.Item>
        )}
        {fields.priority && (
          <Form.Item name="priority" label={t('action.priority')}>
            <Radio.Group
              data-testid="action-priority"
              optionType="button"
              options={PRIORITIES.map((p) => ({ value: p, label: code('priority', p) }))}
            />
          </Form.Item>
        )}
        {fields.whistle && <WhistleFields orgs={orgs} />}
        {fields.days && (
          <Form.Item name="days" label={t('action.days')} rules={required('action.daysRequired')}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
        )}
        {fields.master && (
          <Form.Item name="masterCaseId" label={t('action.masterCase')} rules={required('action.masterCaseRequired')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        )}
        {fields.rating && (
          <Form.Item
            name="rating"
            label={t('case.rating')}
            rules={[{ required: true, message: t('action.noteRequired') }]}
          >
            <Select
              data-testid="action-rating"
              options={RATINGS.map((r) => ({ value: r, label: code('rating', r) }))}
            />
          </Form.Item>
        )}
        {fields.rating && (
          <Form.Item name="resolved" label={t('action.resolved')} rules={required('action.resolvedRequired')}>
            <Radio.Group
              data-testid="action-resolved"
              options={[
                { value: true, label: t('resolved.yes') },
                { value: false, label: t('resolved.no') },
              ]}
            />
          </Form.Item>
        )}
        {fields.summary && (
          <>
            <Form.Item
              name={['summary', 'measures']}
              label={t('summary.measures')}
              rules={[{ required: true, whitespace: true, message: t('summary.measuresRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="summary-measures" />
            </Form.Item>
            <Form.Item
              name={['summary', 'rootCause']}
              label={t('summary.rootCause')}
              rules={required('summary.rootCauseRequired')}
            >
              <Select
                data-testid="summary-root-cause"
                options={ROOT_CAUSES.map((c) => ({ value: c, label: code('rootCause', c) }))}
              />
            </Form.Item>
            <Form.Item name={['summary', 'rootCauseNote']} label={t('summary.rootCauseNote')}>
              <Input maxLength={500} data-testid="summary-root-cause-note" />
            </Form.Item>
            <Form.Item
              name={['summary', 'mayRecur']}
              label={t('summary.mayRecur')}
              rules={required('summary.mayRecurRequired')}
            >
              <Radio.Group
                data-testid="summary-may-recur"
                options={MAY_RECUR.map((r) => ({ value: r, label: code('mayRecur', r) }))}
              />
            </Form.Item>
          </>
        )}
        {fields.note && (
          <Form.Item
            name="note"
            label={t(fields.note.label)}
            rules={
              fields.note.required || reprioritised
                ? [
                    {
                      required: true,
                      whitespace: true,
                      message: t(reprioritised ? 'action.priorityReason' : 'action.noteRequired'),
                    },
                  ]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
          </Form.Item>
        )}
        {fields.photos && (
          <Form.Item name="mediaIds" label={t('media.photos')}>
            <PhotoUpload onBusyChange={setUploading} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
