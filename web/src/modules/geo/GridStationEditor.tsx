import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { useInvalidate } from '../../core/query';
import { type GridStation, saveGridStation } from './api';

/** 网格工作站: its name, address and opening hours as residents read them on the QR card, or none. */
export function GridStationEditor({
  code,
  station,
  onDone,
}: {
  code: string;
  station: GridStation | null;
  onDone: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function save(next: GridStation | null) {
    setBusy(true);
    setError(undefined);
    try {
      await saveGridStation(code, next);
      await invalidate(['geo', 'grid']);
      void message.success(t('grid.stationSaved'));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<GridStation>
      layout="vertical"
      size="small"
      initialValues={station ?? { name: '', address: '', hours: '' }}
      onFinish={(v) =>
        void save({ name: v.name.trim(), address: v.address?.trim() ?? '', hours: v.hours?.trim() ?? '' })
      }
      data-testid="grid-station-editor"
    >
      <Form.Item
        name="name"
        label={t('grid.stationName')}
        rules={[{ required: true, whitespace: true, message: t('grid.stationNameRequired') }]}
      >
        <Input maxLength={100} data-testid="grid-station-name" />
      </Form.Item>
      <Form.Item name="address" label={t('grid.stationAddress')}>
        <Input maxLength={200} data-testid="grid-station-address" />
      </Form.Item>
      <Form.Item name="hours" label={t('grid.stationHours')}>
        <Input maxLength={100} placeholder={t('grid.stationHoursPlaceholder')} data-testid="grid-station-hours" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
      <Space>
        <Button onClick={onDone}>{t('grid.teamCancel')}</Button>
        {station && (
          <Button danger onClick={() => void save(null)} loading={busy}>
            {t('grid.stationClear')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grid-station-save">
          {t('grid.teamSave')}
        </Button>
      </Space>
    </Form>
  );
}
