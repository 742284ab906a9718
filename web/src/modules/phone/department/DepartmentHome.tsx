import { BellOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import { Button, List } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import { loadedValue, useLoad } from '../../../core/query';
import { fetchOrgs } from '../../cases/api';
import { useCaseBox } from '../../cases/useCaseBox';
import { useSession } from '../../identity/session';
import { PhoneCaseBox } from '../PhoneCaseBox';
import { PhoneHome } from '../PhoneHome';
import { WechatBinding, wechatCallbackPending } from '../WechatBinding';

type Tab = 'report_in' | 'assigned' | 'me';

/**
 * The phone of a department's or a rapid-response team's member: the whistles waiting for their report-in (报到),
 * with their count on the tab, the cases assigned to their unit, who they act for and their WeChat for notices.
 */
export function DepartmentHome() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>(wechatCallbackPending ? 'me' : 'report_in');
  const [caseId, setCaseId] = useState<number | null>(null);
  const waiting = loadedValue(useCaseBox('to_report_in'))?.items.length ?? 0;
  return (
    <PhoneHome<Tab>
      active={tab}
      onTab={setTab}
      caseId={caseId}
      onCase={setCaseId}
      tabs={[
        {
          key: 'report_in',
          title: t('dept.toReportIn'),
          icon: <BellOutlined />,
          badge: waiting,
          content: (
            <PhoneCaseBox box="to_report_in" empty={t('dept.noWhistles')} onOpen={setCaseId} testId="dept-report-in" />
          ),
        },
        {
          key: 'assigned',
          title: t('dept.assigned'),
          icon: <ScheduleOutlined />,
          content: <PhoneCaseBox box="assigned" empty={t('cases.empty')} onOpen={setCaseId} testId="dept-assigned" />,
        },
        { key: 'me', title: t('gw.me'), icon: <UserOutlined />, content: <DepartmentMe /> },
      ]}
    />
  );
}

function DepartmentMe() {
  const { t, code } = useT();
  const { user, signOut } = useSession();
  const orgs = loadedValue(useLoad(['identity', 'orgs'], 'all', fetchOrgs, { once: true }));
  const org = orgs?.find((o) => o.code === user.orgCode);
  return (
    <>
      <List mode="card" data-testid="dept-me">
        <List.Item extra={code('role', user.role)}>{user.displayName}</List.Item>
        <List.Item extra={org?.name ?? user.orgCode ?? '—'}>{t('dept.actsFor')}</List.Item>
      </List>
      <WechatBinding />
      <div className="sz-phone-actions">
        <Button block onClick={() => void signOut()} data-testid="phone-sign-out">
          {t('user.signOut')}
        </Button>
      </div>
    </>
  );
}
