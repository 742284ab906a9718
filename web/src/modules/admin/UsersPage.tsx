import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Input,
  Layout,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'wouter';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { EmptyState, LoadFailed, loadedValue, useInvalidate, useLoad } from '../../core/query';
import { useSession } from '../identity/session';
import { AdminTabs } from './AdminTabs';
import { chinaTime } from './adminText';
import {
  type AdminUser,
  changeUser,
  fetchUsers,
  type RoleCode,
  resetPassword,
  USERS_PAGE_SIZE,
  type UsersQuery,
  unlockUser,
} from './api';
import { type OneTimePassword, OneTimePasswordModal } from './OneTimePasswordModal';
import { RosterImportModal } from './RosterImportModal';
import { UserDrawer } from './UserDrawer';
import './admin.css';

const USERS = ['identity', 'users'] as const;

/** The search the URL carries, so a link (or going back) shows the same page of the same list. */
function useUsersQuery(): [UsersQuery, (query: UsersQuery) => void] {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const query: UsersQuery = {
    q: params.get('q') || undefined,
    role: (params.get('role') as RoleCode | null) || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
  const setQuery = ({ q, role, page }: UsersQuery) => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    if (role) next.set('role', role);
    if (page > 1) next.set('page', String(page));
    setParams(next);
  };
  return [query, setQuery];
}

function StatusTags({ user }: { user: AdminUser }) {
  const { t } = useT();
  if (user.disabled) return <Tag data-testid="users-status">{t('users.disabled')}</Tag>;
  return (
    <Space size={4} wrap>
      {user.locked ? (
        <Tooltip title={t('users.lockedHint')}>
          <Tag color="orange" data-testid="users-status">
            {t('users.locked')}
          </Tag>
        </Tooltip>
      ) : (
        <Tag color="green" data-testid="users-status">
          {t('users.active')}
        </Tag>
      )}
      {user.mustChangePassword && (
        <Tooltip title={t('users.firstSignInHint')}>
          <Tag color="blue">{t('users.firstSignIn')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 用户管理: the accounts inside the administrator's scope; new ones, changes, disabling and password resets. */
export function UsersPage() {
  const { t, code, lang } = useT();
  const { message } = App.useApp();
  const { user: me } = useSession();
  const invalidate = useInvalidate();
  const [query, setQuery] = useUsersQuery();
  const load = useLoad(USERS, query, fetchUsers, { keepPrevious: true });
  const list = loadedValue(load);
  const grantable = list?.grantableRoles ?? [];
  const [editing, setEditing] = useState<AdminUser | 'new'>();
  const [password, setPassword] = useState<OneTimePassword>();
  const [busy, setBusy] = useState<number>();
  const [importing, setImporting] = useState(false);

  const refresh = () => invalidate([...USERS]);

  async function act(user: AdminUser, action: () => Promise<unknown>, done: string) {
    setBusy(user.id);
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

  const setDisabled = (user: AdminUser, disabled: boolean) =>
    act(
      user,
      () => changeUser(user.id, { disabled }),
      t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.displayName }),
    );

  const reset = (user: AdminUser) =>
    act(
      user,
      async () => {
        const { oneTimePassword } = await resetPassword(user.id);
        setPassword({ username: user.username, displayName: user.displayName, password: oneTimePassword });
      },
      t('users.resetDone', { name: user.displayName }),
    );

  const unlock = (user: AdminUser) =>
    act(user, () => unlockUser(user.id), t('users.unlockDone', { name: user.displayName }));

  const columns: TableColumnsType<AdminUser> = [
    {
      key: 'displayName',
      title: t('users.displayName'),
      width: 180,
      render: (_, u) => (
        <Space size={4}>
          <span data-testid="users-name">{u.displayName}</span>
          {u.id === me.id && <Tag>{t('users.you')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'username',
      title: t('users.username'),
      width: 150,
      render: (_, u) => (
        <span className="sz-mono" data-testid="users-username-cell">
          {u.username}
        </span>
      ),
    },
    { key: 'role', title: t('users.role'), width: 120, render: (_, u) => code('role', u.role) },
    {
      key: 'scope',
      title: t('users.scope'),
      minWidth: 160,
      render: (_, u) => (
        <Tooltip title={u.scopeCode || undefined}>
          <span data-testid="users-scope-cell">
            {u.scopeCode === '' ? t('users.everywhere') : (u.scopeName ?? u.scopeCode)}
          </span>
        </Tooltip>
      ),
    },
    { key: 'org', title: t('users.org'), width: 150, render: (_, u) => u.orgName ?? '—' },
    {
      key: 'workPhone',
      title: t('users.workPhone'),
      width: 120,
      render: (_, u) => <span className="sz-mono">{u.workPhoneMasked ?? '—'}</span>,
    },
    { key: 'status', title: t('users.status'), width: 190, render: (_, u) => <StatusTags user={u} /> },
    {
      key: 'lastSignIn',
      title: t('users.lastSignIn'),
      width: 190,
      render: (_, u) =>
        u.lastSignInAt ? (
          chinaTime(u.lastSignInAt, lang)
        ) : (
          <Typography.Text type="secondary">{t('users.neverSignedIn')}</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: t('users.actions'),
      width: 210,
      render: (_, u) => {
        if (!grantable.includes(u.role))
          return (
            <Tooltip title={t('users.aboveYou')}>
              <Typography.Text type="secondary">—</Typography.Text>
            </Tooltip>
          );
        const self = u.id === me.id;
        return (
          <Space size={0} className="sz-users-actions">
            <Button type="link" size="small" onClick={() => setEditing(u)} data-testid="users-edit">
              {t('users.edit')}
            </Button>
            {u.locked && (
              <Button
                type="link"
                size="small"
                loading={busy === u.id}
                onClick={() => unlock(u)}
                data-testid="users-unlock"
              >
                {t('users.unlock')}
              </Button>
            )}
            {!self && (
              <Popconfirm
                title={t('users.resetConfirm', { name: u.displayName })}
                description={t('users.resetConfirmHint')}
                okText={t('users.reset')}
                cancelText={t('users.cancel')}
                onConfirm={() => reset(u)}
              >
                <Button type="link" size="small" loading={busy === u.id} data-testid="users-reset">
                  {t('users.reset')}
                </Button>
              </Popconfirm>
            )}
            {!self && (
              <Popconfirm
                title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.displayName })}
                description={u.disabled ? undefined : t('users.disableConfirmHint')}
                okText={t(u.disabled ? 'users.enable' : 'users.disable')}
                okButtonProps={{ danger: !u.disabled }}
                cancelText={t('users.cancel')}
                onConfirm={() => setDisabled(u, !u.disabled)}
              >
                <Button type="link" size="small" danger={!u.disabled} data-testid="users-toggle">
                  {t(u.disabled ? 'users.enable' : 'users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Layout.Content className="sz-admin" data-testid="admin-users">
      <AdminTabs current="admin-users" />
      <div className="sz-admin-bar">
        <Typography.Title level={4} className="sz-admin-title">
          {t('users.title')}
          {list && (
            <Typography.Text type="secondary" className="sz-admin-total" data-testid="users-total">
              {t('users.total', { total: list.total })}
            </Typography.Text>
          )}
        </Typography.Title>
        <Space>
          <Button
            icon={<UploadOutlined />}
            disabled={grantable.length === 0}
            onClick={() => setImporting(true)}
            data-testid="users-import"
          >
            {t('roster.open')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={grantable.length === 0}
            onClick={() => setEditing('new')}
            data-testid="users-new"
          >
            {t('users.new')}
          </Button>
        </Space>
      </div>
      <Space wrap className="sz-users-filters">
        <Input.Search
          key={query.q ?? ''}
          defaultValue={query.q}
          allowClear
          placeholder={t('users.searchHint')}
          onSearch={(q) => setQuery({ ...query, q: q.trim() || undefined, page: 1 })}
          className="sz-users-search"
          data-testid="users-search"
        />
        <Select<RoleCode>
          allowClear
          value={query.role}
          placeholder={t('users.anyRole')}
          onChange={(role) => setQuery({ ...query, role, page: 1 })}
          // the roles this administrator manages, in the server's order
          options={grantable.map((r) => ({ value: r, label: code('role', r) }))}
          className="sz-users-role"
          data-testid="users-role-filter"
        />
      </Space>
      {load.status === 'failed' ? (
        <LoadFailed message={t('users.loadFailed', { message: load.message })} retry={load.retry} />
      ) : (
        <Table<AdminUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list?.items}
          loading={load.status === 'loading'}
          rowClassName={(u) => (u.disabled ? 'sz-users-disabled' : '')}
          pagination={{
            current: query.page,
            pageSize: USERS_PAGE_SIZE,
            total: list?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (page) => setQuery({ ...query, page }),
          }}
          locale={{ emptyText: <EmptyState description={t('users.empty')} /> }}
          data-testid="users-table"
        />
      )}
      {editing && (
        <UserDrawer
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing}
          grantableRoles={grantable}
          onClose={() => setEditing(undefined)}
          onCreated={(user, oneTimePassword) => {
            setEditing(undefined);
            setPassword({ username: user.username, displayName: user.displayName, password: oneTimePassword });
            void refresh();
          }}
          onSaved={(user) => {
            setEditing(undefined);
            void message.success(t('users.saved', { name: user.displayName }));
            void refresh();
          }}
        />
      )}
      <OneTimePasswordModal shown={password} onClose={() => setPassword(undefined)} />
      {importing && <RosterImportModal onClose={() => setImporting(false)} onImported={() => void refresh()} />}
    </Layout.Content>
  );
}
