import { Timeline, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { EmptyState } from '../../core/query';
import { clockTime } from './alarmText';
import type { Escalation } from './api';

const COLOUR: Partial<Record<Escalation['step'], string>> = { fire_119: 'red', fire_centre: 'orange' };

/** Steps whose target has a name of its own (which centre, which team, which owner); the others only repeat the step. */
const NAMED: readonly Escalation['step'][] = ['fire_centre', 'rapid_response', 'owner'];

/** Steps that hand over outside the platform (119's system, the owner's phone): nobody here is missing from them. */
const EXTERNAL: readonly Escalation['step'][] = ['fire_119', 'owner'];

/** Whom the chain reached, when, and how many people it alerted; a step that reached nobody is an error, in red. */
export function EscalationTimeline({ escalations }: { escalations: Escalation[] }) {
  const { t, code, lang } = useT();
  if (escalations.length === 0) return <EmptyState description={t('iot.noEscalations')} />;
  return (
    <div data-testid="fire-escalations">
      <Timeline
        items={escalations.map((e, i) => ({
          key: `${e.step}-${e.target}-${i}`,
          color: e.recipients === 0 && !EXTERNAL.includes(e.step) ? 'red' : (COLOUR[e.step] ?? 'blue'),
          content: (
            <div className="sz-timeline-entry" data-step={e.step}>
              <Typography.Text strong>{code('escalationStep', e.step)}</Typography.Text>
              {NAMED.includes(e.step) && e.targetName && <Typography.Text> {e.targetName}</Typography.Text>}
              <div>
                <Typography.Text type="secondary" className="sz-timeline-meta">
                  {clockTime(e.sentAt, lang)}
                  {e.recipients > 0 && ` · ${t('iot.recipients', { count: e.recipients })}`}
                </Typography.Text>
                {e.recipients === 0 && !EXTERNAL.includes(e.step) && (
                  <Typography.Text type="danger" strong className="sz-timeline-meta" data-testid="step-unreached">
                    {' · '}
                    {t('iot.noRecipients')}
                  </Typography.Text>
                )}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
