import type { FormInstance } from 'antd-mobile/es/components/form';
import { ApiError, errorMessage } from '../../../core/api';

/**
 * Puts the server's refusal on the field it names, when the form has that field; otherwise returns the message for
 * a notice above the button.
 */
export function showOnField(form: FormInstance, fields: readonly string[], err: unknown): string | undefined {
  if (err instanceof ApiError && err.field && fields.includes(err.field)) {
    form.setFields([{ name: err.field, errors: [err.message] }]);
    return undefined;
  }
  return errorMessage(err);
}
