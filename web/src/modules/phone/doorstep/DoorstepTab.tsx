import { Button, DotLoading, Empty, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import { formatTime } from '../../cases/caseText';
import { BuildingHouseholds } from './BuildingHouseholds';
import { BuildingList } from './BuildingList';
import { HOUSEHOLD_CHANGED } from './doorstepText';
import { HouseholdVisit, type Redo } from './HouseholdVisit';
import { placeOf } from './shownBook';
import type { Doorstep } from './useDoorstep';
import { VisitOutbox } from './VisitOutbox';

interface Screen {
  buildingId?: number;
  householdId?: number;
  redo?: Redo;
  /** A redo opens a fresh form even on the household already on screen. */
  opened?: number;
}

/** 入户: my grid's buildings → a building's units and households → one household's residents and its visit. */
export function DoorstepTab({ doorstep }: { doorstep: Doorstep }) {
  const { t, lang } = useT();
  const [screen, setScreen] = useState<Screen>({});
  const { book } = doorstep;

  async function refresh() {
    const ok = await doorstep.refresh();
    Toast.show({ icon: ok ? 'success' : undefined, content: t(ok ? 'doorstep.refreshed' : 'doorstep.refreshOffline') });
    return ok;
  }

  async function redo(visit: Redo) {
    if (visit.errorCode === HOUSEHOLD_CHANGED && !(await refresh())) return;
    const place = book && placeOf(book, visit.householdId);
    setScreen({ buildingId: place?.building.id, householdId: visit.householdId, redo: visit, opened: Date.now() });
  }

  if (!book) {
    if (doorstep.refreshing) {
      return (
        <div className="sz-phone-center">
          <DotLoading />
        </div>
      );
    }
    return (
      <>
        {doorstep.loadError && <NoticeBar content={doorstep.loadError} color="error" wrap />}
        <Empty description={t('doorstep.noBook')} />
        <div className="sz-phone-actions">
          <Button block onClick={() => void refresh()}>
            {t('doorstep.refresh')}
          </Button>
        </div>
      </>
    );
  }

  const building = book.buildings.find((b) => b.id === screen.buildingId);
  const place = screen.householdId === undefined ? undefined : placeOf(book, screen.householdId);
  if (place) {
    return (
      <>
        <NavBar
          className="sz-phone-subnav"
          back={t('phone.back')}
          onBack={() => setScreen({ buildingId: place.building.id })}
        >
          {place.household.room}
        </NavBar>
        <HouseholdVisit
          key={`${place.household.id}-${screen.opened ?? 0}`}
          place={place}
          doorstep={doorstep}
          redo={screen.redo}
          onRedo={(r) => void redo(r)}
          onDone={() => setScreen({ buildingId: place.building.id })}
        />
      </>
    );
  }
  if (building) {
    return (
      <>
        <NavBar className="sz-phone-subnav" back={t('phone.back')} onBack={() => setScreen({})}>
          {building.name}
        </NavBar>
        <BuildingHouseholds
          building={building}
          onOpen={(householdId) => setScreen({ buildingId: building.id, householdId })}
        />
      </>
    );
  }
  return (
    <>
      <div className="sz-phone-bookbar" data-testid="doorstep-book">
        <span>{t('doorstep.bookAt', { time: formatTime(book.generatedAt, lang) })}</span>
        <Button size="mini" loading={doorstep.refreshing} onClick={() => void refresh()} data-testid="doorstep-refresh">
          {t('doorstep.refresh')}
        </Button>
      </div>
      <VisitOutbox visits={doorstep.visits} book={book} onRedo={(v) => void redo(v)} onRemove={doorstep.remove} />
      <BuildingList buildings={book.buildings} onOpen={(buildingId) => setScreen({ buildingId })} />
    </>
  );
}
