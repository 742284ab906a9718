import { UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate, useLoad } from '../../core/query';
import {
  type AdminUser,
  addMember,
  changeMember,
  changeOrg,
  type Employment,
  fetchOrg,
  fetchUsers,
  type OrgDetail,
  removeMember,
} from './api';
import { NewMemberModal } from './NewMemberModal';
import { type OneTimePassword, OneTimePasswordModal } from './OneTimePasswordModal';

const EMPLOYMENTS: Employment[] = ['full_time', 'part_time'];

/** Picks an account inside the administrator's scope by username or name, as they type. */
function UserPicker({ value, onChange }: { value?: number; onChange: (id: number | undefined) => void }) {
  const { t, code } = useT();
  const [q, setQ] = useState('');
  const found = useLoad(['identity', 'users', 'pick'], q, (text) => fetchUsers({ q: text || undefined, page: 1 }), {
    keepPrevious: true,
  });
  const users = (loadedValue(found)?.items ?? []).filter((u) => u.role !== 'resident' && !u.disabled);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text.trim()) }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('orgs.pickUser')}
      loading={found.status === 'loading'}
      options={users.map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}，${code('role', u.role)}${u.orgName ? `，${u.orgName}` : ''}）`,
      }))}
      className="sz-orgs-picker"
      data-testid="orgs-pick-user"
    />
  );
}

function Services({ detail, onSaved }: { detail: OrgDetail; onSaved: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const services = detail.org.services;
  if (editing === undefined)
    return (
      <Space wrap size={[4, 4]}>
        {services.length ? (
          services.map((s) => <Tag key={s}>{s}</Tag>)
        ) : (
          <Typography.Text type="secondary">{t('orgs.noServices')}</Typography.Text>
        )}
        <Button size="small" type="link" onClick={() => setEditing(services)} data-testid="orgs-services-edit">
          {t('orgs.editServices')}
        </Button>
      </Space>
    );
  return (
    <Space.Compact className="sz-orgs-services">
      <Select<string[]>
        mode="tags"
        value={editing}
        onChange={setEditing}
        tokenSeparators={[',', '，', '、']}
        placeholder={t('orgs.servicesHint')}
        open={false}
        data-testid="orgs-services"
      />
      <Button
        type="primary"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await changeOrg(detail.org.code, { services: editing });
            setEditing(undefined);
            onSaved();
          } catch (err) {
            void message.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('users.save')}
      </Button>
    </Space.Compact>
  );
}

/**
 * One org: what it is and serves, who is on duty now, and its members, each full-time or part-time and on duty or
 * not; accounts are added from the administrator's scope or created here with a one-time password.
 */
export function OrgDrawer({ code, onClose, onChanged }: { code: string; onClose: () => void; onChanged: () => void }) {
  const { t, code: word } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const load = useLoad(['identity', 'org'], code, fetchOrg);
  const detail = loadedValue(load);
  const [picked, setPicked] = useState<number>();
  const [busy, setBusy] = useState<number | 'add'>();
  const [creating, setCreating] = useState(false);
  const [password, setPassword] = useState<OneTimePassword>();

  const refresh = async () => {
    await invalidate(['identity', 'org']);
    onChanged();
  };

  async function act(key: number | 'add', action: () => Promise<unknown>, done: string) {
    setBusy(key);
    try {
      await action();
      void message.success(done);
      await refresh();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  const onDuty = detail?.members.filter((m) => m.onDuty && !m.disabled) ?? [];

  const columns: TableColumnsType<AdminUser> = [
    {
      key: 'name',
      title: t('users.displayName'),
      render: (_, m) => (
        <Space size={4}>
          <span data-testid="orgs-member-name">{m.displayName}</span>
          {m.disabled && <Tag>{t('users.disabled')}</Tag>}
        </Space>
      ),
    },
    { key: 'username', title: t('users.username'), render: (_, m) => <span className="sz-mono">{m.username}</span> },
    { key: 'role', title: t('users.role'), width: 120, render: (_, m) => word('role', m.role) },
    {
      key: 'employment',
      title: t('orgs.employment'),
      width: 110,
      render: (_, m) => (
        <Select<Employment>
          size="small"
          value={m.employment}
          onChange={(employment) =>
            act(
              m.id,
              () => changeMember(code, m.id, { employment }),
              t('orgs.employmentDone', { name: m.displayName, employment: word('employment', employment) }),
            )
          }
          options={EMPLOYMENTS.map((e) => ({ value: e, label: word('employment', e) }))}
          variant="borderless"
          data-testid="orgs-member-employment"
        />
      ),
    },
    {
      key: 'onDuty',
      title: t('orgs.onDuty'),
      width: 90,
      render: (_, m) => (
        <Switch
          size="small"
          checked={m.onDuty}
          loading={busy === m.id}
          onChange={(on) =>
            act(
              m.id,
              () => changeMember(code, m.id, { onDuty: on }),
              t(on ? 'orgs.onDutyDone' : 'orgs.offDutyDone', { name: m.displayName }),
            )
          }
          aria-label={t('orgs.onDutyOf', { name: m.displayName })}
          data-testid="orgs-member-duty"
        />
      ),
    },
    {
      key: 'actions',
      title: t('users.actions'),
      width: 90,
      render: (_, m) =>
        m.role === 'department_staff' ? (
          <Typography.Text type="secondary" title={t('orgs.removeStaffHint')}>
            —
          </Typography.Text>
        ) : (
          <Popconfirm
            title={t('orgs.removeConfirm', { name: m.displayName })}
            okText={t('orgs.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('users.cancel')}
            onConfirm={() => act(m.id, () => removeMember(code, m.id), t('orgs.removeDone', { name: m.displayName }))}
          >
            <Button type="link" size="small" danger data-testid="orgs-member-remove">
              {t('orgs.remove')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      title={detail ? detail.org.name : t('orgs.title')}
      size={860}
      data-testid="orgs-drawer"
    >
      {load.status === 'loading' && <Skeleton active />}
      {load.status === 'failed' && <LoadFailed message={load.message} retry={load.retry} />}
      {detail && (
        <>
          <Descriptions
            column={2}
            size="small"
            bordered
            className="sz-orgs-facts"
            items={[
              { key: 'kind', label: t('orgs.kind'), children: word('orgKind', detail.org.kind) },
              { key: 'region', label: t('orgs.region'), children: detail.org.regionName ?? detail.org.regionCode },
              {
                key: 'code',
                label: t('orgs.code'),
                span: 2,
                children: (
                  <Typography.Text copyable className="sz-mono">
                    {detail.org.code}
                  </Typography.Text>
                ),
              },
              ...(detail.org.kind === 'department'
                ? [
                    {
                      key: 'services',
                      label: t('orgs.services'),
                      span: 2,
                      children: <Services detail={detail} onSaved={() => void refresh()} />,
                    },
                  ]
                : []),
            ]}
          />
          <div className={`sz-orgs-duty${onDuty.length ? '' : ' sz-orgs-duty-none'}`} data-testid="orgs-on-duty">
            <Typography.Text strong className="sz-orgs-duty-label">
              {t('orgs.onDutyNow')}
            </Typography.Text>
            {onDuty.length ? (
              <Space wrap size={[4, 4]}>
                {onDuty.map((m) => (
                  <Tag key={m.id} color="green" data-testid="orgs-on-duty-name">
                    {m.displayName}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('orgs.nobodyOnDutyHint')}</Typography.Text>
            )}
          </div>
          <div className="sz-orgs-add">
            <UserPicker value={picked} onChange={setPicked} />
            <Button
              icon={<UserAddOutlined />}
              disabled={picked === undefined}
              loading={busy === 'add'}
              onClick={() => {
                const id = picked as number;
                act('add', () => addMember(code, id), t('orgs.addDone')).then(() => setPicked(undefined));
              }}
              data-testid="orgs-add-member"
            >
              {t('orgs.addMember')}
            </Button>
            <Button type="primary" onClick={() => setCreating(true)} data-testid="orgs-new-member">
              {t('orgs.newMember')}
            </Button>
          </div>
          {detail.members.length === 0 && (
            <Alert type="warning" showIcon title={t('orgs.noMembers')} className="sz-form-alert" />
          )}
          <Table<AdminUser>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={detail.members}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            rowClassName={(m) => (m.onDuty ? 'sz-orgs-on-duty-row' : '')}
            data-testid="orgs-members"
          />
          {creating && (
            <NewMemberModal
              org={detail.org}
              onClose={() => setCreating(false)}
              onCreated={(user, oneTimePassword) => {
                setCreating(false);
                setPassword({ username: user.username, displayName: user.displayName, password: oneTimePassword });
                void refresh();
              }}
            />
          )}
          <OneTimePasswordModal shown={password} onClose={() => setPassword(undefined)} />
        </>
      )}
    </Drawer>
  );
}
