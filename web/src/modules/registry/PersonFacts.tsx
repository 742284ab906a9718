import { Descriptions, type DescriptionsProps, Tag } from 'antd';
import { useT } from '../../core/i18n';
import { AreaName } from '../geo/useAreaNames';
import type { Person } from './api';
import { ageOf, formatDate } from './registryText';
import { SealedValue } from './SealedValue';

export function PersonFacts({ person }: { person: Person }) {
  const { t, code, lang } = useT();
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('people.name'), children: person.name },
    { key: 'sex', label: t('people.sex'), children: code('sex', person.sex) },
    {
      key: 'birthDate',
      label: t('people.birthDate'),
      children: t('person.birthAndAge', { date: person.birthDate, age: ageOf(person.birthDate) }),
    },
    {
      key: 'idNumber',
      label: t('people.idNumber'),
      children: <SealedValue personId={person.id} field="idNumber" masked={person.idNumberMasked} />,
    },
    {
      key: 'phone',
      label: t('people.phone'),
      children: <SealedValue personId={person.id} field="phone" masked={person.phoneMasked} />,
    },
    {
      key: 'residence',
      label: t('people.residence'),
      children: (
        <>
          {t(person.registered ? 'people.registered' : 'people.floating')}
          {person.movedOutAt && (
            <Tag color="red" className="sz-moved-out" data-testid="moved-out">
              {t('person.movedOut', { date: formatDate(person.movedOutAt, lang) })}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'grid', label: t('people.grid'), children: <AreaName code={person.gridCode} /> },
  ];
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={items}
      styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
      data-testid="person-facts"
    />
  );
}
