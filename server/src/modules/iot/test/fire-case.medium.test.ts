import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmOf, type Scene, startScene } from './fixture.js';

/** A confirmed fire does not wait in an inbox: its case arrives urgent, accepted and dispatched. */
describe('the case of a confirmed fire', () => {
  let s: Scene;
  // a scene builds a district, a building, fire centres and their people: slow on a busy machine
  beforeAll(async () => {
    s = await startScene();
  }, 600_000);
  afterAll(async () => s?.close());

  it('is urgent, accepted and dispatched by the system to the street’s rapid-response team, who are told by name', async () => {
    await s.device('SMK-P-01', { floor: 5 });
    await s.device('SMK-P-02', { floor: 5 });
    await s.publish('SMK-P-01', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'SMK-P-01', 'smoke');
    await s.publish('SMK-P-02', 'alarm', { event: 'smoke' });
    await expect.poll(async () => (await alarmOf(s, 'SMK-P-02', 'smoke')).caseId).not.toBeNull();
    const { caseId } = await alarmOf(s, 'SMK-P-02', 'smoke');
    await s.t.events.drain();

    const { case: fire, timeline } = (await s.call('GET', `/api/cases/${caseId}`, s.users.commandCentre)).json();
    expect(fire).toMatchObject({
      category: { code: 'S08' },
      priority: 'urgent',
      status: 'dispatched',
      level: 'department',
      assignee: { org: '370983002-rapid_response' },
    });
    expect(timeline.map((r: { action: string; actorName: string }) => [r.action, r.actorName])).toEqual([
      ['report', '智慧消防系统'],
      ['accept', '智慧消防系统'],
      ['dispatch', '智慧消防系统'],
    ]);

    // the team sees it at the top of its tasks and hears of it as urgent work, by name
    const tasks = (await s.call('GET', '/api/cases?box=assigned', s.users.rapid)).json().items;
    expect(tasks[0]).toMatchObject({ id: caseId, priority: 'urgent' });
    const told = (await s.call('GET', '/api/notify/messages', s.users.rapid)).json().items as {
      titleZh: string;
      subject: string;
    }[];
    expect(told.filter((m) => m.subject === `case:${caseId}`).map((m) => m.titleZh)).toContainEqual(
      expect.stringMatching(new RegExp(`^【紧急】问题 ${fire.number} 已派遣给`)),
    );

    // the relay running the delivery again finds the case opened and dispatched, and leaves it so
    await s.t.db.query(
      `UPDATE core_event_deliveries SET status = 'pending', next_at = now() WHERE subscriber = 'iot.fire_cases'`,
    );
    s.t.events.kick();
    await s.t.events.drain();
    const again = (await s.call('GET', `/api/cases/${caseId}`, s.users.commandCentre)).json();
    expect(again.timeline).toHaveLength(3);
  });
});
