/** The cases module's public face: other modules import only from here. */

export {
  CASE_REPORTED,
  type CaseEventPayload,
  type CaseEventType,
  caseActionEvent,
  REPORT_IN_MISSED,
  type ReportInMissedPayload,
} from './cases.events.js';
export { createCasesModule } from './cases.module.js';
export { acceptAndDispatch } from './commands/dispatch-automatically.js';
export { reportCase } from './commands/report-case.js';
export { resealCases } from './commands/reseal-cases.js';
export { seedCategories } from './commands/seed-categories.js';
export { type CategoryRecord, type ExchangeFilter, listCategories, listForExchange } from './db/cases.repository.js';
export { casesNear } from './queries/cases-near.js';
export { countOpenCasesByArea } from './queries/count-open-cases.js';
