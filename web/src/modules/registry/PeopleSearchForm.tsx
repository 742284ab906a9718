import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useT } from '../../core/i18n';
import { PERSON_TAGS, type PeopleQuery } from './api';

interface Props {
  loading: boolean;
  onSearch: (query: PeopleQuery) => void;
}

/**
 * The server matches names and addresses in part but ID numbers and phones only whole, so those are checked before
 * asking.
 */
export function PeopleSearchForm({ loading, onSearch }: Props) {
  const { t, code } = useT();
  const trimmed = (values: PeopleQuery): PeopleQuery => ({
    name: values.name?.trim() || undefined,
    idNumber: values.idNumber?.trim().toUpperCase() || undefined,
    phone: values.phone?.trim() || undefined,
    tag: values.tag,
    address: values.address?.trim() || undefined,
  });
  return (
    <Form<PeopleQuery>
      layout="inline"
      className="sz-people-form"
      onFinish={(values) => onSearch(trimmed(values))}
      data-testid="people-form"
    >
      <Form.Item name="name" label={t('people.name')}>
        <Input allowClear data-testid="people-name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('people.idNumber')}
        rules={[{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('people.idNumberInvalid') }]}
      >
        <Input allowClear data-testid="people-id-number" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('people.phone')}
        rules={[{ pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('people.phoneInvalid') }]}
      >
        <Input allowClear data-testid="people-phone" />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('people.address')}
        rules={[{ min: 2, transform: (value?: string) => value?.trim(), message: t('people.addressTooShort') }]}
      >
        <Input allowClear placeholder={t('people.addressHint')} data-testid="people-address" />
      </Form.Item>
      <Form.Item name="tag" label={t('people.tag')}>
        <Select
          allowClear
          className="sz-people-tag"
          placeholder={t('people.anyTag')}
          data-testid="people-tag"
          options={PERSON_TAGS.map((tag) => ({ value: tag, label: code('personTag', tag) }))}
        />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined />}
          loading={loading}
          data-testid="people-search"
        >
          {t('people.search')}
        </Button>
      </Form.Item>
    </Form>
  );
}
