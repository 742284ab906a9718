import { Descriptions, type DescriptionsProps, Space, Tag } from 'antd';
import { useT } from '../../core/i18n';
import { AreaName } from '../geo/useAreaNames';
import type { Case, CaseDetail, ClosingSummary, Org } from './api';
import { DueAt, PriorityTag, StatusTag } from './CaseTags';
import { categoryName, formatTime } from './caseText';
import { PublicSwitch } from './PublicSwitch';

function reporterText(c: Case, anonymous: string): string {
  if (c.reporter.anonymous) return anonymous;
  return [c.reporter.name, c.reporter.phone].filter(Boolean).join(' · ');
}

/** The status, and beside it whether the case is under supervision (督办) and how often it went up for lateness. */
function StatusLine({ item }: { item: Case }) {
  const { t } = useT();
  return (
    <Space size={4} wrap>
      <StatusTag status={item.status} />
      {item.supervised && (
        <Tag color="volcano" data-testid="case-supervised">
          {t('case.supervised')}
        </Tag>
      )}
      {item.escalationCount > 0 && (
        <Tag color="red" data-testid="case-escalations">
          {t('case.escalations', { count: item.escalationCount })}
        </Tag>
      )}
    </Space>
  );
}

/** 处置总结: what was done, then why and whether the problem may come back. */
function SummaryText({ summary }: { summary: ClosingSummary }) {
  const { t, code } = useT();
  const cause = [code('rootCause', summary.rootCause), summary.rootCauseNote].filter(Boolean).join(' · ');
  return (
    <div data-testid="case-summary">
      <div>{summary.measures}</div>
      <Space size={4} wrap>
        <Tag>{t('summary.cause', { cause })}</Tag>
        <Tag color={summary.mayRecur === 'yes' ? 'orange' : undefined}>{code('mayRecur', summary.mayRecur)}</Tag>
      </Space>
    </div>
  );
}

export function CaseFacts({ item, orgs, onChanged }: { item: Case; orgs: Org[]; onChanged: (d: CaseDetail) => void }) {
  const { t, code, lang } = useT();
  const assignee = item.assignee.org
    ? (orgs.find((o) => o.code === item.assignee.org)?.name ?? item.assignee.org)
    : item.assignee.unit;
  const time = (iso: string | null) => formatTime(iso, lang);
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: t('cases.status'), children: <StatusLine item={item} /> },
    { key: 'priority', label: t('cases.priority'), children: <PriorityTag priority={item.priority} /> },
    { key: 'category', label: t('cases.category'), children: categoryName(item.category, lang) },
    { key: 'description', label: t('case.description'), children: item.description },
    { key: 'address', label: t('case.address'), children: item.address },
    { key: 'reporter', label: t('case.reporter'), children: reporterText(item, t('case.anonymous')) },
    { key: 'source', label: t('case.source'), children: code('source', item.source) },
    { key: 'grid', label: t('cases.grid'), children: <AreaName code={item.gridCode} /> },
    { key: 'level', label: t('case.level'), children: item.level ? code('level', item.level) : '' },
    { key: 'assignee', label: t('case.assignee'), children: assignee },
    { key: 'reportedAt', label: t('cases.reportedAt'), children: time(item.reportedAt) },
    { key: 'acceptedAt', label: t('case.acceptedAt'), children: time(item.acceptedAt) },
    {
      key: 'dispatchDueAt',
      label: t('case.dispatchDueAt'),
      children: item.dispatchDueAt ? <DueAt item={item} at={item.dispatchDueAt} /> : '',
    },
    { key: 'dueAt', label: t('cases.dueAt'), children: item.dueAt ? <DueAt item={item} at={item.dueAt} /> : '' },
    { key: 'handledAt', label: t('case.handledAt'), children: time(item.handledAt) },
    { key: 'closedAt', label: t('case.closedAt'), children: time(item.closedAt) },
    { key: 'public', label: t('case.public'), children: <PublicSwitch item={item} onChanged={onChanged} /> },
  ];
  if (item.extensionRequestedDays) {
    items.push({
      key: 'extension',
      label: t('caseAction.request_extension'),
      children: t('case.extensionRequested', { days: item.extensionRequestedDays }),
    });
  }
  if (item.summary) {
    items.push({ key: 'summary', label: t('case.summary'), children: <SummaryText summary={item.summary} /> });
  }
  if (item.rating) {
    const comment = item.ratingComment ? ` · ${item.ratingComment}` : '';
    items.push({ key: 'rating', label: t('case.rating'), children: `${code('rating', item.rating)}${comment}` });
  }
  if (item.mergedInto) {
    items.push({
      key: 'merged',
      label: code('caseStatus', 'merged'),
      children: t('case.mergedInto', { id: item.mergedInto }),
    });
  }
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={items.filter((i) => i.children !== '' && i.children !== null)}
      styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
      data-testid="case-facts"
    />
  );
}
