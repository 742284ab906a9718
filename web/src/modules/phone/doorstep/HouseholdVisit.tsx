import { Button, Checkbox, List, NoticeBar, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import { newIdempotencyKey } from '../../cases/api';
import { formatTime } from '../../cases/caseText';
import { HOUSEHOLD_USES, type HouseholdUse, type NewResident, type VisitInput } from './api';
import { HouseholdState } from './BuildingHouseholds';
import type { PendingVisit } from './doorstepStore';
import { HOUSEHOLD_CHANGED, unitName } from './doorstepText';
import { NewcomerSheet } from './NewcomerSheet';
import type { Place } from './shownBook';
import type { Doorstep } from './useDoorstep';

const errorText = (error: ApiError | string | undefined) => (typeof error === 'string' ? error : error?.message);

interface Draft {
  /** Made when the form opens and kept for every attempt, so a double tap or a resend records one visit. */
  key: string;
  /** The household's version and use on screen when the form opened: a book refreshed meanwhile changes neither. */
  baseVersion: number;
  baseUse: HouseholdUse;
  use: HouseholdUse;
  movedOut: number[];
  newcomers: NewResident[];
  note: string;
}

/**
 * A refused visit comes back as the form it was, under a new key. When the household changed meanwhile, its use
 * starts from the fresh book, so the worker looks at it again rather than overwriting the other change.
 */
function newDraft(place: Place, redo?: Redo): Draft {
  const { household } = place;
  const present = new Set(household.residents.filter((r) => !r.waiting).map((r) => r.id));
  const changed = redo?.errorCode === HOUSEHOLD_CHANGED;
  return {
    key: newIdempotencyKey(),
    baseVersion: household.version,
    baseUse: household.use,
    use: (!changed && redo?.input.use) || household.use,
    movedOut: (redo?.input.movedOut ?? []).filter((id) => present.has(id)),
    newcomers: redo?.input.newResidents ?? [],
    note: redo?.input.note ?? '',
  };
}

/** A visit to do again: one the server refused, or the form itself after a refusal for a newer change. */
export type Redo = Pick<PendingVisit, 'key' | 'householdId' | 'input' | 'errorCode'>;

interface Props {
  place: Place;
  doorstep: Doorstep;
  redo?: Redo;
  /** Refreshes the book first when the household changed, then opens the form again with what was entered. */
  onRedo: (redo: Redo) => void;
  onDone: () => void;
}

/** 入户走访 at one door: who lives here (masked), and what changed — use, who left, who came, a note. */
export function HouseholdVisit({ place, doorstep, redo, onRedo, onDone }: Props) {
  const { t, code, lang } = useT();
  const { building, unit, household } = place;
  const [draft, setDraft] = useState(() => newDraft(place, redo));
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string>();
  const edit = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const refused = !redo && household.refused;

  const input = (): VisitInput => {
    const note = draft.note.trim();
    return {
      recordedAt: new Date().toISOString(),
      baseVersion: draft.baseVersion,
      use: draft.use === draft.baseUse ? undefined : draft.use,
      note: note || undefined,
      movedOut: draft.movedOut.length ? draft.movedOut : undefined,
      newResidents: draft.newcomers.length ? draft.newcomers : undefined,
    };
  };

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const sent = await doorstep.submit({ key: draft.key, householdId: household.id, input: input() }, redo?.key);
      Toast.show({ icon: sent ? 'success' : undefined, content: t(sent ? 'doorstep.submitted' : 'doorstep.saved') });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const changed = error instanceof ApiError && error.code === HOUSEHOLD_CHANGED;
  const badNewcomer = error instanceof ApiError ? /^newResidents\.(\d+)\./.exec(error.field ?? '')?.[1] : undefined;

  return (
    <>
      <List mode="card" data-testid="doorstep-household">
        <List.Item
          title={`${building.name} · ${unitName(unit.name, t)}`}
          description={
            household.visitedAt
              ? t('doorstep.visitedAt', { time: formatTime(household.visitedAt, lang) })
              : t('doorstep.notVisited')
          }
          extra={<HouseholdState household={household} />}
        >
          <span className="sz-phone-room">{household.room}</span>
        </List.Item>
      </List>
      {refused && (
        <NoticeBar
          color="error"
          wrap
          data-testid="doorstep-household-refused"
          content={refused.errorCode === HOUSEHOLD_CHANGED ? t('doorstep.changed') : refused.error}
          extra={
            <Button size="mini" color="danger" fill="outline" onClick={() => onRedo(refused)}>
              {t(refused.errorCode === HOUSEHOLD_CHANGED ? 'doorstep.redo' : 'doorstep.edit')}
            </Button>
          }
        />
      )}

      <List header={t('doorstep.residents')} mode="card" data-testid="doorstep-residents">
        {household.residents.length === 0 && <List.Item>{t('doorstep.noResidents')}</List.Item>}
        {household.residents.map((r) => (
          <List.Item
            key={r.id}
            prefix={
              r.waiting ? undefined : (
                <Checkbox
                  checked={draft.movedOut.includes(r.id)}
                  onChange={(on) =>
                    edit({ movedOut: on ? [...draft.movedOut, r.id] : draft.movedOut.filter((id) => id !== r.id) })
                  }
                  data-testid={`moved-out-${r.id}`}
                />
              )
            }
            description={`${r.idNumberMasked}${r.phoneMasked ? ` · ${r.phoneMasked}` : ''}`}
            extra={
              <span className="sz-phone-tags">
                {draft.movedOut.includes(r.id) && <Tag color="danger">{t('doorstep.movedOut')}</Tag>}
                {r.waiting && <Tag color="warning">{t('doorstep.waiting')}</Tag>}
                <Tag fill="outline">{t(r.registered ? 'doorstep.registered' : 'doorstep.floating')}</Tag>
              </span>
            }
          >
            {r.name}
            {r.tags.length > 0 && (
              <span className="sz-phone-muted"> · {r.tags.map((tag) => code('personTag', tag)).join('、')}</span>
            )}
          </List.Item>
        ))}
      </List>

      <List header={t('doorstep.use')} mode="card">
        <List.Item>
          <Selector
            columns={4}
            value={[draft.use]}
            onChange={([use]) => use && edit({ use })}
            options={HOUSEHOLD_USES.map((use) => ({ label: code('householdUse', use), value: use }))}
            data-testid="doorstep-use"
          />
        </List.Item>
      </List>

      <List header={t('doorstep.newcomers')} mode="card" data-testid="doorstep-newcomers">
        {draft.newcomers.map((n, i) => (
          <List.Item
            key={n.idNumber}
            description={
              String(i) === badNewcomer ? <span className="sz-phone-error-text">{errorText(error)}</span> : undefined
            }
            extra={
              <Button
                size="mini"
                fill="none"
                color="danger"
                onClick={() => edit({ newcomers: draft.newcomers.filter((_, j) => j !== i) })}
              >
                {t('doorstep.removeNewcomer')}
              </Button>
            }
          >
            {n.name}
            <span className="sz-phone-muted">
              {' '}
              · {t(n.registered ? 'doorstep.registered' : 'doorstep.floating')}
              {n.tags?.length ? ` · ${n.tags.map((x) => code('personTag', x.tag)).join('、')}` : ''}
            </span>
          </List.Item>
        ))}
        <List.Item onClick={() => setAdding(true)} data-testid="doorstep-add-newcomer">
          <span className="sz-phone-link">+ {t('doorstep.addNewcomer')}</span>
        </List.Item>
      </List>

      <List header={t('doorstep.note')} mode="card">
        <List.Item>
          <TextArea
            value={draft.note}
            onChange={(note) => edit({ note })}
            placeholder={t('doorstep.notePlaceholder')}
            rows={2}
            maxLength={500}
            data-testid="doorstep-note"
          />
        </List.Item>
      </List>

      <div className="sz-phone-actions">
        {error && (
          <NoticeBar
            color="error"
            wrap
            data-testid="doorstep-error"
            content={changed ? t('doorstep.changed') : errorText(error)}
          />
        )}
        {changed && (
          <Button
            block
            loading={doorstep.refreshing}
            onClick={() =>
              onRedo({ key: draft.key, householdId: household.id, input: input(), errorCode: HOUSEHOLD_CHANGED })
            }
          >
            {t('doorstep.redo')}
          </Button>
        )}
        <Button block color="primary" size="large" loading={busy} onClick={save} data-testid="doorstep-save">
          {t('doorstep.save')}
        </Button>
      </div>

      <NewcomerSheet
        open={adding}
        taken={draft.newcomers.map((n) => n.idNumber)}
        onClose={() => setAdding(false)}
        onAdd={(n) => {
          edit({ newcomers: [...draft.newcomers, n] });
          setAdding(false);
        }}
      />
    </>
  );
}
