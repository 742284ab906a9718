import { Timeline, Typography } from 'antd';
import { useT } from '../../core/i18n';
import type { Org, TimelineEntry } from './api';
import { entryDetail, formatTime } from './caseText';
import { MediaList } from './MediaList';

const COLOUR: Record<string, string> = {
  reject: 'gray',
  return: 'red',
  fail_verification: 'red',
  reopen: 'red',
  escalate: 'red',
  report_in_overdue: 'red',
  supervise: 'orange',
  whistle: 'orange',
  close: 'green',
  rate: 'green',
};

function Entry({ entry, orgName }: { entry: TimelineEntry; orgName: (code: string) => string }) {
  const translator = useT();
  const { code, lang } = translator;
  const detail = entryDetail(entry, translator, orgName);
  return (
    <div className="sz-timeline-entry">
      <div>
        <Typography.Text strong>{code('caseAction', entry.action)}</Typography.Text>
        {detail && <Typography.Text> {detail}</Typography.Text>}
      </div>
      <Typography.Text type="secondary" className="sz-timeline-meta">
        {entry.actorName} · {code('role', entry.actorRole)} · {formatTime(entry.at, lang)}
      </Typography.Text>
      {entry.note && <div className="sz-timeline-note">{entry.note}</div>}
      <MediaList media={entry.media} />
    </div>
  );
}

/** Everyone who touched the case, in order; the server never rewrites these rows. */
export function CaseTimeline({ entries, orgs }: { entries: TimelineEntry[]; orgs: Org[] }) {
  const orgName = (code: string) => orgs.find((o) => o.code === code)?.name ?? code;
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          color: COLOUR[entry.action] ?? 'blue',
          content: <Entry entry={entry} orgName={orgName} />,
        }))}
      />
    </div>
  );
}
