import { Timeline, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { EmptyState } from '../../core/query';
import { clockTime } from './alarmText';
import type { Escalation } from './api';

const COLOUR: Partial<Record<Escalation['step'], string>> = { fire_119: 'red', fire_centre: 'orange' };

/** Steps whose target has a name of its own (which centre, which team, which owner); the others only repeat the step. */
const NAMED: readonly Escalation['step'][] = ['fire_centre', 'rapid_response', 'owner'];

/** Whom the chain reached, when, and how many people it alerted. */
export function EscalationTimeline({ escalations }: { escalations: Escalation[] }) {
  const { t, code, lang } = useT();
  if (escalations.length === 0) return <EmptyState description={t('iot.noEscalations')} />;
  return (
    <div data-testid="fire-escalations">
      <Timeline
        items={escalations.map((e, i) => ({
          key: `${e.step}-${e.target}-${i}`,
          color: COLOUR[e.step] ?? 'blue',
          content: (
            <div className="sz-timeline-entry" data-step={e.step}>
              <Typography.Text strong>{code('escalationStep', e.step)}</Typography.Text>
              {NAMED.includes(e.step) && e.targetName && <Typography.Text> {e.targetName}</Typography.Text>}
              <div>
                <Typography.Text type="secondary" className="sz-timeline-meta">
                  {clockTime(e.sentAt, lang)}
                  {e.recipients > 0 && ` · ${t('iot.recipients', { count: e.recipients })}`}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
