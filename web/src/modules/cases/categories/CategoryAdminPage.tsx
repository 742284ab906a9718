import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Layout, Space, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../../core/api';
import { type MessageKey, useT } from '../../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate } from '../../../core/query';
import { useSession } from '../../identity/session';
import { type Category, type CategoryPatch, updateCategory } from '../api';
import { CATEGORIES, useAllCategories } from '../useCategories';
import { useOrgs } from '../useOrgs';
import { CategoryCell } from './CategoryCell';
import {
  type CategoryRow,
  categoryRows,
  changes,
  departmentOptions,
  EDITABLE,
  type EditableField,
} from './categoryRows';
import './categories.css';

const NONE: Category[] = [];
/** What a district sets for itself; the rest of a category is the deployment's, a global administrator's to change. */
const DISTRICT_FIELDS: readonly EditableField[] = ['respondHours', 'dispatchHours', 'handleWorkdays'];

const HEADINGS: Record<EditableField, MessageKey> = {
  nameZh: 'category.nameZh',
  nameEn: 'category.nameEn',
  defaultLevel: 'category.level',
  defaultDepartment: 'category.department',
  defaultPriority: 'category.defaultPriority',
  respondHours: 'category.respondHours',
  dispatchHours: 'category.dispatchHours',
  handleWorkdays: 'category.handleWorkdays',
  needsVerification: 'category.needsVerification',
  active: 'category.active',
};

/**
 * A global administrator sets each category's names, level, department and default time limits; a district's
 * administrator the time limits of their own district. One row is edited at a time.
 */
export function CategoryAdminPage() {
  const { t } = useT();
  const { user } = useSession();
  const global = user.scopePath === '';
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryPatch>();
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const load = useAllCategories();
  const categories = loadedValue(load) ?? NONE;
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const departments = departmentOptions(useOrgs());
  const rows = useMemo(() => categoryRows(categories), [categories]);

  const reload = () => void invalidate(CATEGORIES);

  function edit(row: CategoryRow) {
    form.resetFields();
    form.setFieldsValue(row);
    setEditing(row.code);
  }

  async function save(row: CategoryRow) {
    const patch = changes(row, form.getFieldsValue());
    if (Object.keys(patch).length === 0) {
      setEditing(null);
      return;
    }
    setSaving(true);
    try {
      const updated = await updateCategory(row.code, patch);
      // every form that offers categories sees the change at once
      client.setQueryData<Category[]>([...CATEGORIES, 'all'], (prev) =>
        prev?.map((c) => (c.code === updated.code ? updated : c)),
      );
      setEditing(null);
      void message.success(t('category.saved', { code: row.code }));
    } catch (err) {
      // The server names the field it refused; the message goes under that input as well as on top.
      if (err instanceof ApiError && err.field && (EDITABLE as readonly string[]).includes(err.field)) {
        form.setFields([{ name: err.field as EditableField, errors: [err.message] }]);
      }
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<CategoryRow> = [
    { key: 'code', title: t('category.code'), dataIndex: 'code', width: 150, fixed: 'left' },
    ...EDITABLE.map((field) => ({
      key: field,
      title: t(HEADINGS[field]),
      render: (_: unknown, row: CategoryRow) => (
        <CategoryCell
          field={field}
          row={row}
          editing={editing === row.code && (global || DISTRICT_FIELDS.includes(field))}
          departments={departments}
        />
      ),
    })),
    {
      key: 'edit',
      title: '',
      fixed: 'right',
      width: 130,
      render: (_, row) =>
        editing === row.code ? (
          <Space size="small">
            <Button size="small" type="primary" loading={saving} onClick={() => save(row)} data-testid="category-save">
              {t('category.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)} data-testid="category-cancel">
              {t('category.cancel')}
            </Button>
          </Space>
        ) : (
          <Button
            size="small"
            type="link"
            disabled={editing !== null}
            onClick={() => edit(row)}
            data-testid="category-edit"
          >
            {t('category.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Layout.Content className="sz-categories">
      <div className="sz-categories-bar">
        <Typography.Title level={4}>{t('category.title')}</Typography.Title>
        {!global && <Typography.Text type="secondary">{t('category.districtHint')}</Typography.Text>}
        <Button icon={<ReloadOutlined />} onClick={reload} disabled={editing !== null}>
          {t('cases.refresh')}
        </Button>
      </div>
      {load.status === 'failed' && (
        <LoadFailed message={t('category.loadFailed', { message: load.message })} retry={load.retry} />
      )}
      <Form form={form} component={false}>
        <Table<CategoryRow>
          data-testid="category-table"
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={load.status === 'loading'}
          pagination={false}
          scroll={{ x: 1300 }}
          onRow={(row) => ({ 'data-testid': `category-row-${row.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </Form>
    </Layout.Content>
  );
}
