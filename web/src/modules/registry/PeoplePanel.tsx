import { Alert } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type PeopleQuery, type Person, searchPeople } from './api';
import { PeopleSearchForm } from './PeopleSearchForm';
import { PeopleTable } from './PeopleTable';
import { PersonDrawer } from './PersonDrawer';

/** 人员查询: search within the user's scope, open one person. */
export function PeoplePanel() {
  const { t } = useT();
  const [items, setItems] = useState<Person[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<Person | null>(null);

  async function search(query: PeopleQuery) {
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
      <PeopleSearchForm loading={loading} onSearch={search} />
      {error && <Alert type="error" showIcon title={error} />}
      <PeopleTable items={items} loading={loading} onOpen={setOpen} />
      <PersonDrawer person={open} onClose={() => setOpen(null)} />
    </div>
  );
}
