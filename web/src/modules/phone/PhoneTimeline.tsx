import { Steps } from 'antd-mobile';
import { useT } from '../../core/i18n';
import type { Case, TimelineEntry } from '../cases/api';
import { formatTime, plainEntry } from '../cases/caseText';
import { PhoneMedia } from './PhoneMedia';

/** The case's history told to the resident, newest first (件件有回音). */
export function PhoneTimeline({ entries, view }: { entries: TimelineEntry[]; view: Case['view'] }) {
  const translator = useT();
  const newestFirst = [...entries].reverse();
  return (
    <Steps direction="vertical" current={0} data-testid="phone-timeline">
      {newestFirst.map((entry, i) => (
        <Steps.Step
          key={entry.id}
          status={i === 0 ? 'process' : 'finish'}
          title={plainEntry(entry, translator, view)}
          description={
            <>
              <div>{formatTime(entry.at, translator.lang)}</div>
              {entry.note && <div className="sz-phone-note">{entry.note}</div>}
              <PhoneMedia media={entry.media} />
            </>
          }
        />
      ))}
    </Steps>
  );
}
