import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { useInvalidate } from '../../core/query';
import { type GridTeamInput, type GridTeamMember, saveGridTeam } from './api';

const ROLES = [
  'grid_leader',
  'grid_worker',
  'part_time_grid_worker',
  'police_officer',
  'property_manager',
  'villager_group_leader',
] as const;

interface Values {
  members: { role: GridTeamInput[number]['role']; name: string; userId?: number | null }[];
}

/**
 * 编辑网格团队: the grid's five-in-one team as a whole, each with their role, name and (where there is one) the
 * account acting for them, saved without re-importing the grid.
 */
export function GridTeamEditor({ code, team, onDone }: { code: string; team: GridTeamMember[]; onDone: () => void }) {
  const { t, code: word } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await saveGridTeam(
        code,
        (v.members ?? []).map((m) => ({ role: m.role, name: m.name.trim(), userId: m.userId ?? null })),
      );
      await invalidate(['geo', 'grid']);
      void message.success(t('grid.teamSaved'));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      onFinish={submit}
      initialValues={{
        members: team.map((m) => ({
          role: m.role as Values['members'][number]['role'],
          name: m.name,
          userId: m.userId,
        })),
      }}
      className="sz-grid-team-editor"
      data-testid="grid-team-editor"
    >
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" size={6} className="sz-grid-team-row">
                <Form.Item
                  name={[field.name, 'role']}
                  rules={[{ required: true, message: t('grid.teamRoleRequired') }]}
                >
                  <Select
                    className="sz-grid-team-role"
                    options={ROLES.map((r) => ({ value: r, label: word('teamRole', r) }))}
                    data-testid="grid-team-role"
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('grid.teamNameRequired') }]}
                >
                  <Input maxLength={50} placeholder={t('grid.teamName')} data-testid="grid-team-name" />
                </Form.Item>
                <Form.Item name={[field.name, 'userId']}>
                  <InputNumber
                    min={1}
                    precision={0}
                    placeholder={t('grid.teamUserId')}
                    className="sz-grid-team-user"
                    data-testid="grid-team-user"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('grid.teamRemove')}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'grid_worker', name: '' })}
              data-testid="grid-team-add"
            >
              {t('grid.teamAdd')}
            </Button>
          </>
        )}
      </Form.List>
      <div className="sz-grid-team-hint">{t('grid.teamUserIdHint')}</div>
      {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
      <Space className="sz-grid-team-actions">
        <Button onClick={onDone}>{t('grid.teamCancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grid-team-save">
          {t('grid.teamSave')}
        </Button>
      </Space>
    </Form>
  );
}
