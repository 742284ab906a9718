import { Table, Tag } from 'antd';
import { useT } from '../../core/i18n';
import type { Org, WhistleOrg } from './api';
import { formatTime } from './caseText';
import { isLate, reportedLate } from './whistle';

const leadFirst = (orgs: WhistleOrg[]) =>
  [...orgs].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));

/** The departments whistled onto the case (吹哨报到): who leads, who helps, who has reported in and finished. */
export function WhistlePanel({ whistleOrgs, orgs }: { whistleOrgs: WhistleOrg[]; orgs: Org[] }) {
  const { t, lang } = useT();
  const orgName = (code: string) => orgs.find((o) => o.code === code)?.name ?? code;
  const time = (iso: string | null) => formatTime(iso, lang) || '—';
  return (
    <Table<WhistleOrg>
      size="small"
      rowKey="org"
      pagination={false}
      dataSource={leadFirst(whistleOrgs)}
      data-testid="whistle-panel"
      onRow={(w) => ({ 'data-testid': `whistle-${w.org}` }) as never}
      columns={[
        { key: 'org', title: t('whistle.org'), render: (_, w) => orgName(w.org) },
        {
          key: 'role',
          title: t('whistle.role'),
          render: (_, w) => <Tag color={w.role === 'lead' ? 'red' : 'blue'}>{t(`whistle.${w.role}`)}</Tag>,
        },
        {
          key: 'due',
          title: t('whistle.reportInDue'),
          render: (_, w) =>
            isLate(w) ? (
              <Tag color="red" data-testid="whistle-late">
                {time(w.reportInDueAt)} · {t('deadline.overdue')}
              </Tag>
            ) : (
              time(w.reportInDueAt)
            ),
        },
        {
          key: 'reportedIn',
          title: t('whistle.reportedInAt'),
          render: (_, w) =>
            reportedLate(w) ? (
              <Tag color="orange" data-testid="whistle-reported-late">
                {time(w.reportedInAt)} · {t('whistle.reportedLate')}
              </Tag>
            ) : (
              time(w.reportedInAt)
            ),
        },
        {
          key: 'partDone',
          title: t('whistle.partDoneAt'),
          render: (_, w) => (w.role === 'helper' ? time(w.partDoneAt) : ''),
        },
      ]}
    />
  );
}
