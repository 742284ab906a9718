import { Space, Tag, Typography } from 'antd';
import { type Translator, useT } from '../../core/i18n';
import type { Case, Org } from './api';
import { formatTime } from './caseText';
import { minutesLate } from './whistle';

/** A lateness in days and hours from a day on, else in hours and minutes. */
function lateness(minutes: number, { t }: Translator): string {
  const hours = Math.floor(minutes / 60);
  if (hours >= 24) return t('supervision.days', { days: Math.floor(hours / 24), hours: hours % 24 });
  return t('supervision.hoursMinutes', { hours, minutes: minutes % 60 });
}

/**
 * Why a case is on the supervision board (督办), and each department that let its report-in deadline pass: by name,
 * the deadline, and how late it is (still missing) or was (reported in after it).
 */
export function SupervisionReason({ item, orgs }: { item: Case; orgs: Org[] }) {
  const translator = useT();
  const { t, lang } = translator;
  const orgName = (code: string) => orgs.find((o) => o.code === code)?.name ?? code;
  const missed = item.whistleOrgs.filter((w) => w.escalatedAt);
  if (!item.supervisionReason && !missed.length) return null;
  return (
    <Space orientation="vertical" size={2} data-testid="supervision-reason">
      {item.supervisionReason && <Tag color="volcano">{t(`supervision.${item.supervisionReason}`)}</Tag>}
      {missed.map((w) => {
        const words = {
          org: orgName(w.org),
          due: formatTime(w.reportInDueAt, lang),
          late: lateness(minutesLate(w), translator),
        };
        return (
          <Typography.Text key={`${w.org}-${w.reportInDueAt}`} type={w.reportedInAt ? 'warning' : 'danger'}>
            {w.reportedInAt
              ? t('supervision.lateReportIn', { ...words, at: formatTime(w.reportedInAt, lang) })
              : t('supervision.missedReportIn', words)}
          </Typography.Text>
        );
      })}
    </Space>
  );
}
