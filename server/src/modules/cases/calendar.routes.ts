import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { casesErrors } from './cases.errors.js';
import {
  calendarLoadedSchema,
  calendarNoticeBody,
  calendarPreviewSchema,
  calendarStatusSchema,
  calendarYearSchema,
} from './cases.schemas.js';
import { loadCalendarYear, previewNotice } from './commands/load-calendar-year.js';
import { calendarStatus, calendarYear } from './queries/calendar.js';

/** 工作日历: the holiday arrangement each deadline is counted on, and loading a year's State Council notice. */
export function calendarRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['cases'];

  app.get(
    '/calendar',
    {
      config: { access: 'cases.calendar.view' },
      schema: {
        tags,
        summary: '工作日历：已载入的年份、缺失的年份、按估算期限办理的案件 / the working-day calendar and its gaps',
        response: { 200: calendarStatusSchema },
      },
    },
    async () => calendarStatus(ctx.db),
  );

  app.get(
    '/calendar/:year',
    {
      config: { access: 'cases.calendar.view' },
      schema: {
        tags,
        summary: '某年的放假与调休上班日 / one year’s holidays and make-up workdays',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: calendarYearSchema },
      },
    },
    async (req) => {
      const year = await calendarYear(ctx.db, req.params.year);
      if (!year) throw casesErrors.notFound({ field: 'year' });
      return year;
    },
  );

  app.post(
    '/calendar/preview',
    {
      config: { access: 'cases.calendar.manage' },
      schema: {
        tags,
        summary: '预览国务院节假日通知的识别结果（不保存）/ read a notice without storing it',
        body: calendarNoticeBody,
        response: { 200: calendarPreviewSchema },
      },
    },
    async (req) => previewNotice(req.body.year, req.body.notice),
  );

  app.put(
    '/calendar/:year',
    {
      config: { access: 'cases.calendar.manage' },
      schema: {
        tags,
        summary: '载入某年的国务院节假日通知，重算估算期限 / load a year’s notice; estimated deadlines counted again',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: calendarNoticeBody.pick({ notice: true }),
        response: { 200: calendarLoadedSchema },
      },
    },
    async (req) =>
      loadCalendarYear(
        ctx.db,
        requireActor(req),
        { year: req.params.year, notice: req.body.notice },
        { ip: req.ip, requestId: req.id },
      ),
  );
}
