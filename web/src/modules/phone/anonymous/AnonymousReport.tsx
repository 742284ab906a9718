import { Button, Input, List, NoticeBar, Popup, Result, TextArea } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../../core/api';
import { type MessageKey, type Translator, useT } from '../../../core/i18n';
import { type Category, newIdempotencyKey } from '../../cases/api';
import { categoryName } from '../../cases/caseText';
import type { LngLat } from '../../cases/PointMap';
import { useCategories } from '../../cases/useCategories';
import { CategorySheet } from '../CategorySheet';
import { LocationField } from '../LocationField';
import { PhoneFrame } from '../PhoneFrame';
import { anonymousAllowed, sendAnonymousReport } from './api';
import './anonymous.css';

type Field = 'category' | 'description' | 'location' | 'phone';

const LABEL: Record<Field, MessageKey> = {
  category: 'phone.category',
  description: 'phone.description',
  location: 'phone.location',
  phone: 'anonymous.phone',
};

/** What to do about a field, in words that name it. */
const NEEDED: Record<Field, MessageKey> = {
  category: 'anonymous.categoryRequired',
  description: 'anonymous.descriptionRequired',
  location: 'anonymous.locationRequired',
  phone: 'anonymous.phoneRequired',
};

/** The server names its fields as the API does. */
const FROM_SERVER: Record<string, Field> = {
  categoryCode: 'category',
  description: 'description',
  location: 'location',
  phone: 'phone',
};

const MOBILE = /^1[3-9]\d{9}$/;

interface Draft {
  /** Made once per draft and sent with every attempt, so a double tap or a retry files one case. */
  key: string;
  category?: Category;
  description: string;
  phone: string;
}

const newDraft = (): Draft => ({ key: newIdempotencyKey(), description: '', phone: '' });

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** A refusal the server tied to a field, told under that field; the rest goes to the notice below the form. */
function fieldError(err: unknown, t: Translator['t']): { field: Field; text: string } | undefined {
  if (!(err instanceof ApiError) || !err.field) return undefined;
  const field = FROM_SERVER[err.field.split('.')[0] ?? ''];
  if (!field) return undefined;
  // these carry the API's own field name in their wording; ours names it as the form does
  if (err.code === 'validation.invalid' || err.code === 'cases.unknown_category')
    return { field, text: t(NEEDED[field]) };
  const message = err.code === 'cases.outside_grids' ? t('place.outside') : err.message;
  return { field, text: t('anonymous.fieldError', { field: t(LABEL[field]), message }) };
}

/**
 * 不登录，匿名反映: on a grid's QR page, where its district takes reports from people without an account. Shows why
 * not where it does not; shows nothing until the district's answer is known.
 */
export function AnonymousReportEntry({ grid }: { grid: string }) {
  const { t } = useT();
  const [allowed, setAllowed] = useState<boolean>();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    anonymousAllowed(grid).then(setAllowed, () => setAllowed(undefined));
  }, [grid]);

  if (allowed === undefined) return null;
  if (!allowed) {
    return (
      <div className="sz-phone-hint sz-anonymous-offer" data-testid="anonymous-refused">
        {t('anonymous.refused')}
      </div>
    );
  }
  return (
    <div className="sz-anonymous-offer">
      <Button block fill="outline" color="primary" onClick={() => setOpen(true)} data-testid="anonymous-open">
        {t('anonymous.offer')}
      </Button>
      <div className="sz-phone-hint">{t('anonymous.offerHint')}</div>
      <Popup visible={open} position="right" bodyClassName="sz-anonymous-sheet">
        <PhoneFrame title={t('anonymous.title')} onBack={() => setOpen(false)}>
          <AnonymousReportForm grid={grid} onClose={() => setOpen(false)} />
        </PhoneFrame>
      </Popup>
    </div>
  );
}

/** Category, description, place and a number to text back: under a minute, and nothing else is asked. */
function AnonymousReportForm({ grid, onClose }: { grid: string; onClose: () => void }) {
  const { t, lang } = useT();
  const categories = useCategories();
  const [draft, setDraft] = useState(newDraft);
  const [point, setPoint] = useState<LngLat | null>(null);
  const [where, setWhere] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ number: string; phone: string }>();
  // a field's complaint goes as soon as the field is touched again
  const settle = useCallback((fields: string[]) => {
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f))));
  }, []);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    settle(Object.keys(patch));
  };
  const onPlace = useCallback(
    (p: LngLat | null, words?: string) => {
      setPoint(p);
      setWhere(words);
      if (p) settle(['location']);
    },
    [settle],
  );

  function problems(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (!draft.category) found.category = t(NEEDED.category);
    if (draft.description.trim().length < 2) found.description = t(NEEDED.description);
    if (!point) found.location = t(NEEDED.location);
    if (!MOBILE.test(draft.phone.trim())) found.phone = t(NEEDED.phone);
    return found;
  }

  async function submit() {
    const found = problems();
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length || !draft.category || !point) return;
    setBusy(true);
    try {
      const phone = draft.phone.trim();
      const { number } = await sendAnonymousReport(
        {
          categoryCode: draft.category.code,
          description: draft.description.trim(),
          address: where,
          location: { lng: point[0], lat: point[1], crs: 'wgs84' },
          phone,
        },
        draft.key,
      );
      setDone({ number, phone: masked(phone) });
      setDraft(newDraft());
    } catch (err) {
      const named = fieldError(err, t);
      if (named) setErrors({ [named.field]: named.text });
      else setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Result
        status="success"
        title={t('anonymous.done', { number: done.number })}
        description={
          <div className="sz-phone-actions">
            <div data-testid="anonymous-sms">{t('anonymous.smsNotice', { phone: done.phone })}</div>
            <Button block color="primary" onClick={() => setDone(undefined)}>
              {t('anonymous.another')}
            </Button>
            <Button block onClick={onClose}>
              {t('anonymous.close')}
            </Button>
          </div>
        }
        data-testid="anonymous-done"
      />
    );
  }

  const error = (field: Field) =>
    errors[field] && (
      <div className="sz-phone-error-text" data-testid={`anonymous-error-${field}`}>
        {errors[field]}
      </div>
    );
  return (
    <>
      <List mode="card">
        <List.Item
          onClick={() => setPicking(true)}
          extra={draft.category ? categoryName(draft.category, lang) : t('phone.chooseCategory')}
          description={error('category')}
          data-testid="phone-category"
        >
          {t('phone.category')}
        </List.Item>
        <List.Item title={t('phone.description')} description={error('description')}>
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
      <LocationField onChange={onPlace} publicGrid={grid} />
      {error('location') && <div className="sz-anonymous-field-error">{error('location')}</div>}
      <List mode="card">
        <List.Item title={t('anonymous.phone')} description={error('phone') || t('anonymous.privacy')}>
          <Input
            value={draft.phone}
            onChange={(phone) => edit({ phone })}
            placeholder={t('anonymous.phonePlaceholder')}
            type="tel"
            inputMode="numeric"
            maxLength={11}
            autoComplete="tel"
            data-testid="anonymous-phone"
          />
        </List.Item>
      </List>
      <div className="sz-phone-actions">
        {failure && <NoticeBar content={failure} color="error" wrap />}
        <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="anonymous-submit">
          {t('anonymous.submit')}
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
