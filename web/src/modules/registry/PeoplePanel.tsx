import { Alert } from 'antd';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type PeopleQuery, type Person, searchPeople } from './api';
import { ExportPeopleButton } from './ExportPeopleButton';
import { PeopleSearchForm } from './PeopleSearchForm';
import { PeopleTable } from './PeopleTable';
import { personPath } from './registryRoute';

/** 人员查询: search within the user's scope, open one person's page; export the scope's residents (of the tag searched for). */
export function PeoplePanel() {
  const { t } = useT();
  const [, navigate] = useLocation();
  const [items, setItems] = useState<Person[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<PeopleQuery>({});

  async function search(query: PeopleQuery) {
    setLast(query);
    setLoading(true);
    setError(undefined);
    try {
      setItems(await searchPeople(query));
    } catch (err) {
      setError(t('people.searchFailed', { message: errorMessage(err) }));
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="sz-people" data-testid="people-panel">
      <div className="sz-registry-bar">
        <PeopleSearchForm loading={loading} onSearch={search} />
        <ExportPeopleButton tag={last.tag} />
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <PeopleTable items={items} loading={loading} onOpen={(person) => navigate(personPath(person.id))} />
    </div>
  );
}
