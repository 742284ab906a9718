import type { ModuleContext } from '../../../core/module.js';
import { SmsError } from '../../../core/sms.js';
import { CASE_REPORTED, type CaseEventPayload, type CaseEventType, caseActionEvent } from '../../cases/index.js';
import { findStep, insertSteps } from '../db/notify.repository.js';
import type { NotifyService } from '../notify.service.js';
import { inQuietHours } from '../senders.js';

/** 件件有回音: what the reporter hears at each step of their case, in both languages. */
const WORDING: Partial<Record<CaseEventType, [string, string]>> = {
  [CASE_REPORTED]: ['您反映的问题已提交，编号 {n}', 'Your report {n} was received'],
  [caseActionEvent('accept')]: ['您反映的问题 {n} 已受理立案', 'Your report {n} was accepted'],
  [caseActionEvent('reject')]: [
    '您反映的问题 {n} 未予立案，原因见办理过程',
    'Your report {n} was not accepted; see the reason in its timeline',
  ],
  [caseActionEvent('self_handle')]: ['网格员正在处理您反映的问题 {n}', 'The grid worker is handling your report {n}'],
  [caseActionEvent('dispatch')]: ['您反映的问题 {n} 已交办承办单位', 'Your report {n} was assigned to a handling unit'],
  [caseActionEvent('whistle')]: ['已召集相关部门联合处置问题 {n}', 'Departments were called in on your report {n}'],
  [caseActionEvent('start')]: ['承办单位已开始处理问题 {n}', 'Work on your report {n} has started'],
  [caseActionEvent('handle')]: [
    '问题 {n} 已处理完毕，等待现场核查',
    'Your report {n} was handled and awaits an on-site check',
  ],
  [caseActionEvent('verify')]: ['问题 {n} 现场核查通过', 'Your report {n} passed the on-site check'],
  [caseActionEvent('close')]: ['问题 {n} 已办结，请您评价', 'Your report {n} is closed — please rate it'],
  [caseActionEvent('reopen')]: ['问题 {n} 已重新办理', 'Your report {n} was reopened'],
  [caseActionEvent('escalate')]: ['问题 {n} 已升级督办', 'Your report {n} was escalated for supervision'],
  [caseActionEvent('suspend')]: [
    '问题 {n} 暂缓办理，原因见办理过程',
    'Your report {n} is on hold; see why in its timeline',
  ],
  [caseActionEvent('resume')]: ['问题 {n} 恢复办理', 'Work on your report {n} resumed'],
  [caseActionEvent('merge')]: ['问题 {n} 已与同一问题合并办理', 'Your report {n} was merged with the same problem'],
};

/**
 * What a resident following someone else's report hears: the problem they follow and how far it has come, in words
 * that quote nothing the reporter wrote and send them to no reason they cannot read.
 */
const FOLLOWER_WORDING: Partial<Record<CaseEventType, [string, string]>> = {
  [caseActionEvent('accept')]: ['您关注的问题 {n} 已受理立案', 'The problem you follow ({n}) was accepted'],
  [caseActionEvent('reject')]: ['您关注的问题 {n} 未予立案', 'The problem you follow ({n}) was not accepted'],
  [caseActionEvent('self_handle')]: [
    '网格员正在处理您关注的问题 {n}',
    'The grid worker is handling the problem you follow ({n})',
  ],
  [caseActionEvent('dispatch')]: [
    '您关注的问题 {n} 已交办承办单位',
    'The problem you follow ({n}) was assigned to a handling unit',
  ],
  [caseActionEvent('whistle')]: [
    '已召集相关部门联合处置您关注的问题 {n}',
    'Departments were called in on the problem you follow ({n})',
  ],
  [caseActionEvent('start')]: [
    '承办单位已开始处理您关注的问题 {n}',
    'Work on the problem you follow ({n}) has started',
  ],
  [caseActionEvent('handle')]: [
    '您关注的问题 {n} 已处理完毕，等待现场核查',
    'The problem you follow ({n}) was handled and awaits an on-site check',
  ],
  [caseActionEvent('verify')]: [
    '您关注的问题 {n} 现场核查通过',
    'The problem you follow ({n}) passed the on-site check',
  ],
  [caseActionEvent('close')]: ['您关注的问题 {n} 已办结', 'The problem you follow ({n}) is closed'],
  [caseActionEvent('reopen')]: ['您关注的问题 {n} 已重新办理', 'The problem you follow ({n}) was reopened'],
  [caseActionEvent('escalate')]: [
    '您关注的问题 {n} 已升级督办',
    'The problem you follow ({n}) was escalated for supervision',
  ],
  [caseActionEvent('suspend')]: ['您关注的问题 {n} 暂缓办理', 'The problem you follow ({n}) is on hold'],
  [caseActionEvent('resume')]: ['您关注的问题 {n} 恢复办理', 'Work on the problem you follow ({n}) resumed'],
  [caseActionEvent('merge')]: [
    '您关注的问题 {n} 已与同一问题合并办理',
    'The problem you follow ({n}) was merged with the same problem',
  ],
};
const FOLLOWER_NEWS: [string, string] = ['您关注的问题 {n} 有新进展', 'The problem you follow ({n}) has moved on'];

/**
 * A reporter without an account has only their number: each step is texted to it, once per event (the step record
 * keeps a second run of the relay from texting again), outside the deployment's quiet hours.
 */
async function textAnonymous(
  ctx: Pick<ModuleContext, 'db' | 'cipher' | 'sms' | 'log' | 'config'>,
  event: { id: number },
  p: CaseEventPayload,
  title: string,
): Promise<void> {
  if (!p.contactSealed) return;
  if (await findStep(ctx.db, event.id, 'reporter_sms', 'contact')) return;
  const quiet = ctx.config.notify.quietHours;
  if (inQuietHours(new Date(), quiet.from, quiet.to)) return;
  try {
    await ctx.sms.send({
      phone: ctx.cipher.decrypt(p.contactSealed),
      template: 'notice',
      params: { title },
      text: `【善治】${title}`,
    });
  } catch (err) {
    ctx.log.error(
      { subject: `case:${p.caseId}`, provider: err instanceof SmsError ? err.providerCode : 'unreachable' },
      'reply to an anonymous reporter not sent',
    );
    throw err;
  }
  await insertSteps(ctx.db, [
    {
      eventId: event.id,
      subject: `case:${p.caseId}`,
      step: 'reporter_sms',
      target: 'contact',
      targetName: '匿名反映人（短信）',
      areaPath: p.gridPath,
      recipients: 1,
      raisedFrom: null,
    },
  ]);
}

export function subscribeToCases(
  ctx: Pick<ModuleContext, 'events' | 'db' | 'cipher' | 'sms' | 'log' | 'config'>,
  notify: NotifyService,
): void {
  const types = Object.keys(WORDING) as CaseEventType[];
  ctx.events.subscribe('notify.case_steps', types, async (event) => {
    const [zh, en] = WORDING[event.type] as [string, string];
    const p = event.payload;
    await textAnonymous(ctx, event, p, zh.replace('{n}', p.number));
    // the reporter and everyone following the case, except whoever did this themselves
    const reporter = p.contactSealed ? null : p.reporterId;
    const people = [...new Set([reporter, ...p.followerIds])].filter(
      (id): id is number => id !== null && (id !== event.actorId || event.type === CASE_REPORTED),
    );
    for (const userId of people) {
      const [titleZh, titleEn] = userId === reporter ? [zh, en] : (FOLLOWER_WORDING[event.type] ?? FOLLOWER_NEWS);
      await notify.send({
        userId,
        kind: event.type,
        titleZh: titleZh.replace('{n}', p.number),
        titleEn: titleEn.replace('{n}', p.number),
        subject: `case:${p.caseId}`,
        eventId: event.id,
      });
    }
  });
}
