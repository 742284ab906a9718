import { Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import type { ReactNode } from 'react';
import { type Translator, useT } from '../../../core/i18n';
import { LEVELS, PRIORITIES } from '../api';
import { PriorityTag } from '../CaseTags';
import type { CategoryRow, EditableField } from './categoryRows';

interface Props {
  field: EditableField;
  row: CategoryRow;
  editing: boolean;
  departments: { value: string; label: string }[];
}

/**
 * The input a field is edited with, with the server's limits so a value out of range is caught before sending.
 * An element, not a component: Form.Item hands value and onChange to its direct child.
 */
function editor(field: EditableField, departments: Props['departments'], code: Translator['code']): ReactNode {
  switch (field) {
    case 'nameZh':
    case 'nameEn':
      return <Input size="small" maxLength={field === 'nameZh' ? 50 : 80} />;
    case 'defaultLevel':
      return <Select size="small" options={LEVELS.map((l) => ({ value: l, label: code('level', l) }))} />;
    case 'defaultDepartment':
      return <Select size="small" allowClear options={departments} popupMatchSelectWidth={false} />;
    case 'defaultPriority':
      return <Select size="small" options={PRIORITIES.map((p) => ({ value: p, label: code('priority', p) }))} />;
    case 'respondHours':
    case 'dispatchHours':
      return <InputNumber size="small" min={1} max={720} precision={0} />;
    case 'handleWorkdays':
      return <InputNumber size="small" min={1} max={120} precision={0} data-testid="category-edit-workdays" />;
    case 'needsVerification':
    case 'active':
      return <Switch size="small" />;
  }
}

function Value({ field, row, departments }: Omit<Props, 'editing'>): ReactNode {
  const { t, code } = useT();
  switch (field) {
    case 'defaultLevel':
      return code('level', row.defaultLevel);
    case 'defaultPriority':
      return <PriorityTag priority={row.defaultPriority} />;
    case 'defaultDepartment':
      return departments.find((d) => d.value === row.defaultDepartment)?.label ?? row.defaultDepartment ?? '—';
    case 'needsVerification':
      return row.needsVerification ? t('category.yes') : t('category.no');
    case 'active':
      return row.active ? <Tag color="green">{t('category.active')}</Tag> : <Tag>{t('category.inactive')}</Tag>;
    default:
      return <span data-testid={`category-${field}`}>{row[field]}</span>;
  }
}

/** One cell of the category table: the value, or its input while the row is being edited. */
export function CategoryCell({ field, row, editing, departments }: Props) {
  const { code } = useT();
  if (!editing) return <Value field={field} row={row} departments={departments} />;
  const isSwitch = field === 'needsVerification' || field === 'active';
  return (
    <Form.Item name={field} className="sz-cell-input" valuePropName={isSwitch ? 'checked' : 'value'}>
      {editor(field, departments, code)}
    </Form.Item>
  );
}
