import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../core/i18n';
import { useLoad } from '../../core/query';
import { actionOptions } from './adminText';
import { type AuditFilter, fetchAuditActions } from './api';

interface Values {
  actor?: string;
  action?: string;
  subject?: string;
  period?: [Dayjs, Dayjs] | null;
}

const DAY = 'YYYY-MM-DD';

function toValues(filter: AuditFilter): Values {
  const { from, to, ...rest } = filter;
  return { ...rest, period: from && to ? [dayjs(from), dayjs(to)] : null };
}

function toFilter({ actor, action, subject, period }: Values): AuditFilter {
  return {
    actor: actor?.trim() || undefined,
    action,
    subject: subject?.trim() || undefined,
    from: period?.[0].format(DAY),
    to: period?.[1].format(DAY),
  };
}

/** Who, which action (one, or a module's all), which subject, which days; the page keeps them in its URL. */
export function AuditFilters({ filter, onSearch }: { filter: AuditFilter; onSearch: (filter: AuditFilter) => void }) {
  const tr = useT();
  const { t } = tr;
  // the actions on record change only as new kinds of thing are done, so asked once per visit
  const actions = useLoad(['admin', 'auditActions'], 'all', () => fetchAuditActions(), { once: true });
  const options = actions.status === 'ready' ? actionOptions(actions.value.items, tr) : [];
  return (
    <Form<Values>
      layout="inline"
      className="sz-admin-filters"
      initialValues={toValues(filter)}
      onFinish={(values) => onSearch(toFilter(values))}
      data-testid="audit-filters"
    >
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorHint')} className="sz-admin-actor" data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={actions.status === 'loading'}
          placeholder={t('audit.anyAction')}
          options={options}
          className="sz-admin-action"
          popupMatchSelectWidth={false}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="subject" label={t('audit.subject')}>
        <Input
          allowClear
          placeholder={t('audit.subjectHint')}
          className="sz-admin-subject"
          data-testid="audit-subject"
        />
      </Form.Item>
      <Form.Item name="period" label={t('audit.period')}>
        <DatePicker.RangePicker data-testid="audit-period" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('audit.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button icon={<UndoOutlined />} onClick={() => onSearch({})} data-testid="audit-reset">
          {t('audit.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
