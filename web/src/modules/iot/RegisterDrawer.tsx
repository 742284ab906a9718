import { Alert, Button, Drawer, Form, Input, InputNumber, Radio, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { nameIn } from './alarmText';
import {
  type Catalogue,
  type Credential,
  DEVICE_KINDS,
  type DeviceKind,
  HEAT_CLASSES,
  type NewDevice,
  registerDevice,
  sensesHeat,
} from './api';

type Place = 'building' | 'venue';

type Values = Omit<NewDevice, 'buildingId' | 'venueId'> & { place: Place; placeId: number };

/** The form's inputs the server may name in an error; any other field's error goes above the buttons. */
const FIELDS = new Set([
  'code',
  'kind',
  'heatClass',
  'heatMode',
  'floor',
  'room',
  'address',
  'ownerName',
  'contactPhone',
  'heartbeatSeconds',
]);
const PLACE_FIELD: Record<Place, 'buildingId' | 'venueId'> = { building: 'buildingId', venue: 'venueId' };

const blank = (text: string | undefined) => text?.trim() || undefined;

function body({ place, placeId, room, address, contactPhone, ...values }: Values): NewDevice {
  const heat = sensesHeat(values.kind);
  return {
    ...values,
    heatClass: heat ? values.heatClass : undefined,
    heatMode: heat ? values.heatMode : undefined,
    [PLACE_FIELD[place]]: placeId,
    room: blank(room),
    address: blank(address),
    contactPhone: blank(contactPhone),
  };
}

interface Props {
  open: boolean;
  catalogue: Catalogue | undefined;
  onClose: () => void;
  onRegistered: (credential: Credential) => void;
}

/** 登记设备: one device with its place; the answer carries its secret, which the caller shows once. */
export function RegisterDrawer({ open, catalogue, onClose, onRegistered }: Props) {
  const { t, lang } = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) as DeviceKind | undefined;
  const place = (Form.useWatch('place', form) as Place | undefined) ?? 'building';

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const { code, secret } = await registerDevice(body(values));
      form.resetFields();
      onRegistered({ code, secret });
    } catch (err) {
      // The server names the field it refused, in the user's language: the message goes under that input.
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === PLACE_FIELD[place]) form.setFields([{ name: 'placeId', errors: [errorMessage(err)] }]);
      else if (field && FIELDS.has(field))
        form.setFields([{ name: field as keyof Values, errors: [errorMessage(err)] }]);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('iot.registerTitle')}
      size={480}
      data-testid="fire-register"
      footer={
        <Space className="sz-form-actions">
          <Button onClick={onClose}>{t('iot.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="fire-register-submit">
            {t('iot.registerSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ place: 'building', heatMode: 'S' }}
        data-testid="fire-register-form"
      >
        <Form.Item
          name="code"
          label={t('iot.code')}
          extra={t('iot.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('iot.codeRequired') }]}
        >
          <Input maxLength={64} className="sz-mono" data-testid="fire-register-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('iot.deviceKind')} rules={[{ required: true, message: t('iot.kindRequired') }]}>
          <Select<DeviceKind>
            data-testid="fire-register-kind"
            options={DEVICE_KINDS.map((k) => ({ value: k, label: nameIn(catalogue?.deviceKinds[k], lang, k) }))}
          />
        </Form.Item>
        {kind && sensesHeat(kind) && (
          <Space size="large" align="start">
            <Form.Item
              name="heatClass"
              label={t('iot.heatClass')}
              rules={[{ required: true, message: t('iot.heatClassRequired') }]}
            >
              <Select
                className="sz-fire-heat-select"
                data-testid="fire-register-heat-class"
                options={HEAT_CLASSES.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
            <Form.Item name="heatMode" label={t('iot.heatMode')}>
              <Radio.Group
                options={[
                  { value: 'S', label: t('iot.heatModeS') },
                  { value: 'R', label: t('iot.heatModeR') },
                ]}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="place" label={t('iot.place')}>
          <Segmented<Place>
            data-testid="fire-register-place"
            options={[
              { value: 'building', label: t('iot.placeBuilding') },
              { value: 'venue', label: t('iot.placeVenue') },
            ]}
          />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item
            name="placeId"
            label={place === 'venue' ? t('iot.venueId') : t('iot.buildingId')}
            rules={[{ required: true, message: t('iot.placeIdRequired') }]}
          >
            <InputNumber min={1} precision={0} className="sz-fire-number" data-testid="fire-register-place-id" />
          </Form.Item>
          <Form.Item name="floor" label={t('iot.floorLabel')}>
            <InputNumber min={-10} max={200} precision={0} className="sz-fire-number" />
          </Form.Item>
          <Form.Item name="room" label={t('iot.room')}>
            <Input maxLength={40} className="sz-fire-room" />
          </Form.Item>
        </Space>
        {place === 'venue' && <Alert type="info" showIcon title={t('iot.venueHint')} className="sz-form-alert" />}
        <Form.Item name="address" label={t('iot.address')} extra={t('iot.addressHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('iot.owner')}
          rules={[{ required: true, whitespace: true, message: t('iot.ownerRequired') }]}
        >
          <Input maxLength={100} data-testid="fire-register-owner" />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item name="contactPhone" label={t('iot.contact')}>
            <Input maxLength={20} className="sz-fire-phone" data-testid="fire-register-phone" />
          </Form.Item>
          <Form.Item name="heartbeatSeconds" label={t('iot.heartbeat')} extra={t('iot.heartbeatHint')}>
            <InputNumber min={10} max={172_800} precision={0} placeholder="3600" className="sz-fire-number" />
          </Form.Item>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
    </Drawer>
  );
}
