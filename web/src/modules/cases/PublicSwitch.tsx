import { App, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useAbility } from '../../core/abilities';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type Case, type CaseDetail, setCasePublic } from './api';

/**
 * Whether residents who follow the case may read its description and see its photos (never who reported it).
 * Dispatchers over the area decide; everyone else reads the answer.
 */
export function PublicSwitch({ item, onChanged }: { item: Case; onChanged: (d: CaseDetail) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const mayDispatch = useAbility('cases.dispatch');
  const [busy, setBusy] = useState(false);

  async function change(value: boolean) {
    setBusy(true);
    try {
      onChanged(await setCasePublic(item.id, value));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space size={8} wrap>
      {mayDispatch ? (
        <Switch checked={item.public} loading={busy} onChange={(v) => void change(v)} data-testid="case-public" />
      ) : (
        t(item.public ? 'case.publicYes' : 'case.publicNo')
      )}
      <Typography.Text type="secondary">{t('case.followers', { count: item.followers })}</Typography.Text>
    </Space>
  );
}
