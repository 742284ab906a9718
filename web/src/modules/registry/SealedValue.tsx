import { Typography } from 'antd';
import { useState } from 'react';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import type { RevealField } from './api';
import { RevealButton } from './RevealButton';

/**
 * A masked value with its reveal button; once revealed, the full value with a note that the view was recorded. The
 * value lives only in this component, so leaving the page drops it and it has to be asked for, and recorded, again.
 */
export function SealedValue({
  personId,
  field,
  masked,
}: {
  personId: number;
  field: RevealField;
  masked: string | null;
}) {
  const { t } = useT();
  const mayReveal = useAbility('registry.reveal');
  const [value, setValue] = useState<string>();
  if (value) {
    return (
      <span data-testid={`revealed-${field}`}>
        <span className="sz-mono">{value}</span>
        <Typography.Text type="secondary" className="sz-revealed-note">
          {t('person.revealed')}
        </Typography.Text>
      </span>
    );
  }
  if (!masked) return '—';
  return (
    <span>
      <span className="sz-mono" data-testid={`masked-${field}`}>
        {masked}
      </span>
      {mayReveal && <RevealButton personId={personId} field={field} onRevealed={setValue} />}
    </span>
  );
}
