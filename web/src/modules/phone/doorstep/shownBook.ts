import { birthDateOf, maskIdNumber, sexOf } from '../../../../../server/src/core/id-number';
import type { Book, BookBuilding, BookHousehold, BookResident, BookUnit, NewResident } from './api';
import type { PendingVisit } from './doorstepStore';

export interface ShownResident extends BookResident {
  /** Registered by a visit still on the phone: it has no server id yet (the id here is negative). */
  waiting?: boolean;
}

/** A household as the phone shows it: the book's, with the visits still waiting on the phone laid over it. */
export interface ShownHousehold extends BookHousehold {
  residents: ShownResident[];
  /** Visits saved here and not yet on the server. */
  waiting: number;
  /** A visit the server refused, which the worker redoes or deletes. */
  refused?: PendingVisit;
}

export interface ShownUnit extends Omit<BookUnit, 'households'> {
  households: ShownHousehold[];
}

export interface ShownBuilding extends Omit<BookBuilding, 'units'> {
  units: ShownUnit[];
}

export interface ShownBook extends Omit<Book, 'buildings'> {
  buildings: ShownBuilding[];
}

/** Shown as the console would show them once the server has them, but masked: the full number stays in the visit. */
function newcomer(n: NewResident, id: number): ShownResident {
  return {
    id,
    name: n.name,
    sex: sexOf(n.idNumber),
    birthDate: birthDateOf(n.idNumber),
    idNumberMasked: maskIdNumber(n.idNumber),
    phoneMasked: n.phone ? `${n.phone.slice(0, 3)}****${n.phone.slice(-4)}` : null,
    registered: n.registered,
    tags: (n.tags ?? []).map((t) => t.tag),
    waiting: true,
  };
}

/**
 * Each waiting visit applied in the order it was made, as the server will apply them: so the worker sees the new use
 * and residents at once, and a second visit is based on the version the first one will leave behind.
 */
function shownHousehold(household: BookHousehold, visits: PendingVisit[]): ShownHousehold {
  let shown: ShownHousehold = { ...household, waiting: 0 };
  let nextId = -1;
  for (const visit of visits) {
    if (visit.error) {
      shown.refused ??= visit;
      continue;
    }
    const moved = new Set(visit.input.movedOut);
    shown = {
      ...shown,
      use: visit.input.use ?? shown.use,
      version: shown.version + 1,
      visitedAt: visit.input.recordedAt,
      waiting: shown.waiting + 1,
      residents: [
        ...shown.residents.filter((r) => !moved.has(r.id)),
        ...(visit.input.newResidents ?? []).map((n) => newcomer(n, nextId--)),
      ],
    };
  }
  return shown;
}

export function showBook(book: Book, visits: PendingVisit[]): ShownBook {
  const byHousehold = new Map<number, PendingVisit[]>();
  for (const visit of visits)
    byHousehold.set(visit.householdId, [...(byHousehold.get(visit.householdId) ?? []), visit]);
  return {
    ...book,
    buildings: book.buildings.map((b) => ({
      ...b,
      units: b.units.map((u) => ({
        ...u,
        households: u.households.map((h) => shownHousehold(h, byHousehold.get(h.id) ?? [])),
      })),
    })),
  };
}

export interface Place {
  building: ShownBuilding;
  unit: ShownUnit;
  household: ShownHousehold;
}

export function placeOf(book: ShownBook, householdId: number): Place | undefined {
  for (const building of book.buildings) {
    for (const unit of building.units) {
      const household = unit.households.find((h) => h.id === householdId);
      if (household) return { building, unit, household };
    }
  }
  return undefined;
}
