import { type Load, useLoad } from '../../core/query';
import { type Box, type CaseList, fetchBox } from './api';

/** One inbox; the old rows stay visible while another box loads. */
export function useCaseBox(box: Box | undefined): Load<CaseList> {
  return useLoad(['cases', 'box'], box, fetchBox, { keepPrevious: true });
}
