import { Button, Input, List, NoticeBar, Result, Switch, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type Case, type Category, newIdempotencyKey } from '../cases/api';
import { categoryName } from '../cases/caseText';
import type { LngLat } from '../cases/PointMap';
import { useCategories } from '../cases/useCategories';
import { useSession } from '../identity/session';
import { CategorySheet } from './CategorySheet';
import { LocationField } from './LocationField';
import { NearbyCases } from './NearbyCases';
import { OutboxList } from './outbox/OutboxList';
import type { OutboxMedia } from './outbox/outboxStore';
import type { Outbox } from './outbox/useOutbox';
import { PhoneAttachments } from './PhoneAttachments';
import { useNearby } from './usePlace';
import { type Uploads, useUploads } from './useUploads';

interface Draft {
  /** Made once per draft and sent with every attempt, so a double tap or a retry files one case. */
  key: string;
  category?: Category;
  description: string;
  address: string;
  anonymous: boolean;
  phone: string;
}

const newDraft = (): Draft => ({ key: newIdempotencyKey(), description: '', address: '', anonymous: false, phone: '' });

/** Photos already on the server go as ids; those that could not go up wait in the outbox as their bytes. */
function outboxMedia(uploads: Uploads): OutboxMedia[] {
  return uploads.items.flatMap((u): OutboxMedia[] => {
    if (u.media) return [{ id: u.media.id }];
    return u.waiting ? [{ blob: u.file, name: u.file.name }] : [];
  });
}

interface SubmittedProps {
  /** The case, or null when the report waits in the outbox for a connection. */
  item: Case | null;
  onAnother: () => void;
  onMyCases: () => void;
}

function Submitted({ item, onAnother, onMyCases }: SubmittedProps) {
  const { t } = useT();
  return (
    <Result
      status={item ? 'success' : 'waiting'}
      title={item ? t('phone.submitted', { number: item.number }) : t('outbox.saved')}
      data-testid={item ? 'phone-submitted' : 'phone-queued'}
      description={
        <div className="sz-phone-actions">
          <Button block color="primary" onClick={onMyCases} data-testid="phone-go-my-cases">
            {t('phone.myCases')}
          </Button>
          <Button block onClick={onAnother}>
            {t('phone.report')}
          </Button>
        </div>
      }
    />
  );
}

/**
 * The report form of residents and grid workers alike (巡查上报). Every report goes through the outbox, so one made
 * without a connection is kept and sent later. Anonymity and a contact phone are for residents only: staff report
 * under their own name.
 */
export function PhoneReport({ outbox, onMyCases }: { outbox: Outbox; onMyCases: () => void }) {
  const { t, lang } = useT();
  const { user } = useSession();
  const resident = user.role === 'resident';
  const categories = useCategories();
  const [draft, setDraft] = useState(newDraft);
  const [point, setPoint] = useState<LngLat | null>(null);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [submitted, setSubmitted] = useState<{ item: Case | null }>();
  const nearby = useNearby(draft.category?.code, point);
  const uploads = useUploads();
  const edit = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit() {
    if (!draft.category || draft.description.trim().length < 2 || !point) {
      setError(t('phone.incomplete'));
      return;
    }
    if (uploads.busy) {
      setError(t('media.stillUploading'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const phone = resident && !draft.anonymous ? draft.phone.trim() : '';
      const item = await outbox.submit({
        key: draft.key,
        input: {
          categoryCode: draft.category.code,
          description: draft.description.trim(),
          address: draft.address.trim() || undefined,
          location: { lng: point[0], lat: point[1], crs: 'wgs84' },
          anonymous: resident && draft.anonymous,
          contact: phone ? { phone } : undefined,
        },
        media: outboxMedia(uploads),
      });
      setSubmitted({ item });
      setDraft(newDraft());
      uploads.clear();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (submitted) {
    return <Submitted item={submitted.item} onAnother={() => setSubmitted(undefined)} onMyCases={onMyCases} />;
  }
  return (
    <>
      <OutboxList outbox={outbox} />
      <List mode="card">
        <List.Item
          onClick={() => setPicking(true)}
          extra={draft.category ? categoryName(draft.category, lang) : t('phone.chooseCategory')}
          data-testid="phone-category"
        >
          {t('phone.category')}
        </List.Item>
        <List.Item title={t('phone.description')}>
          <TextArea
            value={draft.description}
            onChange={(description) => edit({ description })}
            placeholder={t('phone.descriptionPlaceholder')}
            rows={3}
            maxLength={2000}
            data-testid="phone-description"
          />
        </List.Item>
      </List>
      <PhoneAttachments uploads={uploads} />
      <LocationField onChange={setPoint} />
      <NearbyCases items={nearby} canFollow={resident} point={point} />
      <List mode="card">
        <List.Item>
          <Input
            value={draft.address}
            onChange={(address) => edit({ address })}
            placeholder={t('phone.address')}
            maxLength={200}
          />
        </List.Item>
        {resident && (
          <List.Item extra={<Switch checked={draft.anonymous} onChange={(anonymous) => edit({ anonymous })} />}>
            {t('phone.anonymous')}
          </List.Item>
        )}
        {resident && !draft.anonymous && (
          <List.Item>
            <Input
              value={draft.phone}
              onChange={(phone) => edit({ phone })}
              placeholder={t('phone.contactPhone')}
              type="tel"
              maxLength={20}
            />
          </List.Item>
        )}
      </List>
      <div className="sz-phone-actions">
        {error && <NoticeBar content={error} color="error" wrap />}
        <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="phone-submit">
          {t('phone.submit')}
        </Button>
      </div>
      <CategorySheet
        open={picking}
        categories={categories}
        onClose={() => setPicking(false)}
        onPick={(category) => {
          edit({ category });
          setPicking(false);
        }}
      />
    </>
  );
}
