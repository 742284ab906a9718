import type { z } from 'zod';
import type {
  calendarLoadedSchema,
  calendarPreviewSchema,
  calendarStatusSchema,
  calendarYearSchema,
} from '../../../../../server/src/modules/cases/cases.schemas';
import { api } from '../../../core/api';

type Dates<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends object ? Dates<T[K]> : T[K] };

export type CalendarStatus = Dates<z.infer<typeof calendarStatusSchema>>;
export type CalendarYear = z.infer<typeof calendarYearSchema>;
export type CalendarPreview = z.infer<typeof calendarPreviewSchema>;
export type CalendarLoaded = z.infer<typeof calendarLoadedSchema>;

export const fetchCalendar = () => api<CalendarStatus>('GET', '/api/cases/calendar');
export const fetchCalendarYear = (year: number) => api<CalendarYear>('GET', `/api/cases/calendar/${year}`);
export const previewNotice = (year: number, notice: string) =>
  api<CalendarPreview>('POST', '/api/cases/calendar/preview', { year, notice });
export const loadNotice = (year: number, notice: string) =>
  api<CalendarLoaded>('PUT', `/api/cases/calendar/${year}`, { notice });
