import { Button, List, NoticeBar, Selector, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { actOnCase, type CaseDetail, RATINGS, type Rating } from '../cases/api';

/**
 * After a case is closed the resident says how it went and whether the problem is solved (the return visit's two
 * questions); "unsatisfied" sends it back for rework.
 */
export function RatingForm({ caseId, onRated }: { caseId: number; onRated: (detail: CaseDetail) => void }) {
  const { t, code } = useT();
  const [rating, setRating] = useState<Rating>();
  const [resolved, setResolved] = useState<boolean>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    if (!rating || resolved === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      onRated(await actOnCase(caseId, { action: 'rate', rating, resolved, note: comment.trim() || undefined }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <List header={t('phone.rateTitle')} mode="card" data-testid="phone-rating">
      <List.Item>
        <Selector<Rating>
          columns={3}
          value={rating ? [rating] : []}
          onChange={([value]) => setRating(value)}
          options={RATINGS.map((r) => ({ value: r, label: code('rating', r) }))}
        />
      </List.Item>
      <List.Item title={t('phone.rateResolved')}>
        <Selector<'yes' | 'no'>
          columns={2}
          value={resolved === undefined ? [] : [resolved ? 'yes' : 'no']}
          onChange={([value]) => setResolved(value === undefined ? undefined : value === 'yes')}
          options={[
            { value: 'yes', label: t('resolved.yes') },
            { value: 'no', label: t('resolved.no') },
          ]}
          data-testid="phone-rate-resolved"
        />
      </List.Item>
      <List.Item>
        <TextArea
          value={comment}
          onChange={setComment}
          placeholder={t('phone.rateComment')}
          rows={2}
          maxLength={2000}
        />
      </List.Item>
      <List.Item>
        {error && <NoticeBar content={error} color="error" wrap />}
        <Button
          block
          color="primary"
          disabled={!rating || resolved === undefined}
          loading={busy}
          onClick={submit}
          data-testid="phone-rate-submit"
        >
          {t('phone.rateSubmit')}
        </Button>
      </List.Item>
    </List>
  );
}
