import { Tag, Typography } from 'antd';
import { Link } from 'wouter';
import { useT } from '../../core/i18n';
import type { Resident } from './api';
import { personPath } from './registryRoute';
import { ageOf } from './registryText';

/** One resident, masked, in a line: enough to tell who lives there; their page has the rest. */
export function ResidentLine({ resident }: { resident: Resident }) {
  const { t, code } = useT();
  return (
    <li className="sz-resident" data-testid="resident">
      <Link to={personPath(resident.id)} className="sz-resident-name" data-testid="resident-link">
        {resident.name}
      </Link>
      <Typography.Text type="secondary">
        {code('sex', resident.sex)} · {t('person.age', { age: ageOf(resident.birthDate) })}
        {!resident.registered && ` · ${t('people.floating')}`}
      </Typography.Text>
      <span className="sz-mono">{resident.idNumberMasked}</span>
      {resident.phoneMasked && <span className="sz-mono">{resident.phoneMasked}</span>}
      {resident.tags.map((tag) => (
        <Tag key={tag} className="sz-resident-tag">
          {code('personTag', tag)}
        </Tag>
      ))}
    </li>
  );
}
