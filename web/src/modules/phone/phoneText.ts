import type { CaseStatus } from '../cases/api';

/** antd-mobile's tag colours: the resident needs to see "in hand", "done" and "stopped" apart, not every step. */
export const PHONE_STATUS_COLOUR: Record<CaseStatus, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  reported: 'primary',
  accepted: 'primary',
  rejected: 'default',
  dispatched: 'primary',
  in_progress: 'warning',
  returned: 'warning',
  suspended: 'default',
  handled: 'success',
  verified: 'success',
  closed: 'success',
  rated: 'success',
  merged: 'default',
};
