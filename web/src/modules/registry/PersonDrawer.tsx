import { Descriptions, type DescriptionsProps, Drawer, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { useSession } from '../identity/session';
import type { Person, RevealField } from './api';
import { PersonTags } from './PersonTags';
import { mayReveal } from './permissions';
import { RevealButton } from './RevealButton';

/** A masked value with its reveal button; once revealed, the full value with a note that the view was recorded. */
function SealedValue({ person, field, masked }: { person: Person; field: RevealField; masked: string | null }) {
  const { t } = useT();
  const { user } = useSession();
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
      {mayReveal(user.role) && <RevealButton personId={person.id} field={field} onRevealed={setValue} />}
    </span>
  );
}

function PersonFacts({ person }: { person: Person }) {
  const { t, code } = useT();
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('people.name'), children: person.name },
    { key: 'sex', label: t('people.sex'), children: code('sex', person.sex) },
    { key: 'birthDate', label: t('people.birthDate'), children: person.birthDate },
    {
      key: 'idNumber',
      label: t('people.idNumber'),
      children: <SealedValue person={person} field="idNumber" masked={person.idNumberMasked} />,
    },
    {
      key: 'phone',
      label: t('people.phone'),
      children: <SealedValue person={person} field="phone" masked={person.phoneMasked} />,
    },
    {
      key: 'residence',
      label: t('people.residence'),
      children: t(person.registered ? 'people.registered' : 'people.floating'),
    },
    { key: 'grid', label: t('people.grid'), children: <span className="sz-mono">{person.gridCode}</span> },
    {
      key: 'tags',
      label: t('person.tags'),
      children: person.tags.length > 0 ? <PersonTags tags={person.tags} /> : t('person.noTags'),
    },
  ];
  return <Descriptions column={1} size="small" bordered items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}

/**
 * A revealed value lives only in this drawer: it is dropped when the drawer closes (destroyOnHidden) or shows
 * someone else (the key), so it has to be asked for, and recorded, again.
 */
export function PersonDrawer({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const { t } = useT();
  return (
    <Drawer
      open={person !== null}
      onClose={onClose}
      title={person ? t('person.title', { name: person.name }) : ''}
      size={520}
      destroyOnHidden
      data-testid="person-drawer"
    >
      {person && <PersonFacts key={person.id} person={person} />}
    </Drawer>
  );
}
