import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { z } from 'zod';
import type { PersonTag } from '../../../../server/src/modules/registry/domain/tags';
import type {
  FacilityKind,
  FacilityStatus,
  NineSmallKind,
  VenueKind,
} from '../../../../server/src/modules/registry/domain/things';
import type {
  areaCountsSchema,
  buildingCasesSchema,
  buildingListSchema,
  compoundListSchema,
  compoundSchema,
  facilitySchema,
  personSchema,
  situationSchema,
  unitSchema,
  venueSchema,
  visitSchema,
} from '../../../../server/src/modules/registry/registry.schemas';
import { api, download, upload } from '../../core/api';

// the managed tag list is the server's own (a pure domain module, imported as source)
export { PERSON_TAGS, type PersonTag } from '../../../../server/src/modules/registry/domain/tags';
// so are the kinds of venue and facility, with their names in both languages
export {
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  FACILITY_STATUS_LABELS,
  FACILITY_STATUSES,
  type FacilityKind,
  type FacilityStatus,
  NINE_SMALL_KINDS,
  NINE_SMALL_LABELS,
  type NineSmallKind,
  VENUE_KIND_LABELS,
  VENUE_KINDS,
  type VenueKind,
} from '../../../../server/src/modules/registry/domain/things';

export const AFFORDABLE_TYPES = ['public_rental', 'resettlement', 'shared_ownership'] as const;
export type AffordableType = (typeof AFFORDABLE_TYPES)[number];

export interface BuildingProps {
  id: number;
  name: string;
  address: string;
  floors: number;
  heightM: number;
  affordableType: AffordableType | null;
  gridCode: string;
}

export type BuildingCollection = FeatureCollection<Polygon, BuildingProps>;

export interface BuildingDetail extends BuildingProps {
  compound: string | null;
  compoundId: number | null;
  households: number;
  people: number;
}

export const HOUSEHOLD_USES = ['owner_occupied', 'rented', 'vacant', 'commercial'] as const;
export type HouseholdUse = (typeof HOUSEHOLD_USES)[number];

// Response shapes are the server's zod schemas, inferred: the two sides cannot drift apart.
export type Unit = z.infer<typeof unitSchema>;
export type Household = Unit['households'][number];
/** A resident as a building's household list shows them: masked, tags by code only. */
export type Resident = Household['residents'][number];
export type BuildingListItem = z.infer<typeof buildingListSchema>['items'][number];
export type Visit = z.infer<typeof visitSchema>;
export type BuildingCase = z.infer<typeof buildingCasesSchema>['items'][number];

type CompoundRow = z.infer<typeof compoundListSchema>['items'][number];
export interface Compound extends Omit<CompoundRow, 'outline'> {
  /** The convex hull of its buildings' footprints. */
  outline: Polygon | MultiPolygon | null;
}
export type CompoundDetail = Compound & Pick<z.infer<typeof compoundSchema>, 'buildingList'>;
export type Person = z.infer<typeof personSchema>;

export interface PeopleQuery {
  name?: string;
  idNumber?: string;
  phone?: string;
  tag?: PersonTag;
  /** Part of the address of the building they live in. */
  address?: string;
}

/** null clears a field; a field left out stays as it is. */
export type CompoundEdit = Partial<Pick<Compound, 'address' | 'propertyCompany'>>;

export type RevealField = 'idNumber' | 'phone';

export type RegistrySummary = z.infer<typeof areaCountsSchema>;
/** 情: the live counts of each child area of a region, and of the region. */
export type Situation = z.infer<typeof situationSchema>;
export type SituationRow = Situation['rows'][number];

export type Venue = z.infer<typeof venueSchema>;
export type Facility = z.infer<typeof facilitySchema>;

export interface ThingPage {
  regionCode?: string;
  q?: string;
  limit: number;
  offset: number;
}

export interface VenueQuery extends ThingPage {
  kind?: VenueKind;
  nineSmallKind?: NineSmallKind;
}

export interface FacilityQuery extends ThingPage {
  kind?: FacilityKind;
  status?: FacilityStatus;
}

export type ThingLayer = 'venues' | 'facilities';

export interface ThingProps {
  id: number;
  name: string;
  kind: VenueKind | FacilityKind;
  gridCode: string;
}

export type ThingCollection = FeatureCollection<Point, ThingProps>;

export type ImportMode = 'all_or_nothing' | 'valid_only';
export type ImportStatus = 'checking' | 'importing' | 'done' | 'rejected' | 'failed';

export interface ImportJob {
  id: number;
  fileName: string;
  mode: ImportMode;
  status: ImportStatus;
  /** 0 until the file has been read through. */
  totalRows: number;
  processedRows: number;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
  unmatchedRows: number;
  /** Why a failed import stopped, in the caller's language. */
  failureReason: string | null;
}

export const FINISHED: readonly ImportStatus[] = ['done', 'rejected', 'failed'];

const BASE = '/api/registry';
const enc = encodeURIComponent;

export function fetchBuildings(regionCode: string): Promise<BuildingCollection> {
  return api('GET', `${BASE}/buildings?regionCode=${enc(regionCode)}`);
}

export function fetchBuilding(id: number): Promise<BuildingDetail> {
  return api('GET', `${BASE}/buildings/${id}`);
}

export async function fetchBuildingUnits(id: number): Promise<Unit[]> {
  return (await api<{ units: Unit[] }>('GET', `${BASE}/buildings/${id}/households`)).units;
}

/** At most 1,000, the server's limit: a grid or community has far fewer; a street's are cut short. */
export async function searchBuildings(regionCode: string, q?: string): Promise<BuildingListItem[]> {
  const query = queryString({ regionCode, q, limit: 1000 });
  return (await api<{ items: BuildingListItem[] }>('GET', `${BASE}/buildings/search?${query}`)).items;
}

/** Reported at the building or within 30 m of it, newest first. */
export async function fetchBuildingCases(id: number): Promise<BuildingCase[]> {
  return (await api<{ items: BuildingCase[] }>('GET', `${BASE}/buildings/${id}/cases`)).items;
}

export async function fetchVisits(householdId: number): Promise<Visit[]> {
  return (await api<{ items: Visit[] }>('GET', `${BASE}/households/${householdId}/visits`)).items;
}

export async function fetchCompounds(regionCode: string): Promise<Compound[]> {
  return (await api<{ items: Compound[] }>('GET', `${BASE}/compounds?regionCode=${enc(regionCode)}`)).items;
}

export function fetchCompound(id: number): Promise<CompoundDetail> {
  return api('GET', `${BASE}/compounds/${id}`);
}

export function editCompound(id: number, edit: CompoundEdit): Promise<CompoundDetail> {
  return api('PATCH', `${BASE}/compounds/${id}`, edit);
}

export function fetchPerson(id: number): Promise<Person> {
  return api('GET', `${BASE}/people/${id}`);
}

export function fetchSummary(regionCode: string): Promise<RegistrySummary> {
  return api('GET', `${BASE}/summary?regionCode=${enc(regionCode)}`);
}

export function fetchSituation(regionCode: string): Promise<Situation> {
  return api('GET', `${BASE}/situation?regionCode=${enc(regionCode)}`);
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

export function fetchVenues(query: VenueQuery): Promise<{ items: Venue[]; total: number }> {
  return api('GET', `${BASE}/venues?${queryString(query)}`);
}

export function fetchFacilities(query: FacilityQuery): Promise<{ items: Facility[]; total: number }> {
  return api('GET', `${BASE}/facilities?${queryString(query)}`);
}

/** A building's own facilities; up to 200, the server's page limit, more than any one building has. */
export async function fetchBuildingFacilities(building: Pick<BuildingDetail, 'id'>): Promise<Facility[]> {
  const { items } = await api<{ items: Facility[] }>(
    'GET',
    `${BASE}/facilities?${queryString({ buildingId: building.id, limit: 200 })}`,
  );
  return items;
}

export function fetchThings(regionCode: string, layer: ThingLayer): Promise<ThingCollection> {
  return api('GET', `${BASE}/things.geojson?${queryString({ regionCode, layer })}`);
}

/** Masked, and the server writes down who took it away. */
export function downloadPeople(query: { regionCode?: string; tag?: PersonTag }): Promise<void> {
  return download(`${BASE}/people.xlsx?${queryString(query)}`, `people-${query.regionCode ?? 'scope'}.xlsx`);
}

export async function searchPeople(query: PeopleQuery): Promise<Person[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return (await api<{ items: Person[] }>('GET', `${BASE}/people?${params}`)).items;
}

/** The server records who saw which field and why. */
export async function revealPerson(id: number, field: RevealField, reason: string): Promise<string> {
  return (await api<{ value: string }>('POST', `${BASE}/people/${id}/reveal`, { field, reason })).value;
}

/** A tag set after registration, with the reason the audit trail keeps. */
export function tagPerson(id: number, tag: PersonTag, detail: string, reason: string): Promise<void> {
  return api('POST', `${BASE}/people/${id}/tags`, { tag, detail: detail || undefined, reason });
}

export function untagPerson(id: number, tag: PersonTag, reason: string): Promise<void> {
  return api('DELETE', `${BASE}/people/${id}/tags/${tag}`, { reason });
}

/** The whole record, unmasked, as the person asked for it; the server audits it. */
export function downloadPersonRecord(id: number): Promise<void> {
  return download(`${BASE}/people/${id}/export`, `person-${id}.json`);
}

/** Irreversible: the record keeps only an id and the name 已删除; the audit trail, with the reason, stays. */
export function erasePerson(id: number, reason: string): Promise<void> {
  return api('DELETE', `${BASE}/people/${id}`, { reason });
}

export function downloadTemplate(): Promise<void> {
  return download(`${BASE}/imports/template.xlsx`, 'people-template.xlsx');
}

export function startImport(file: File, mode: ImportMode, onProgress: (percent: number) => void) {
  return upload<{ id: number }>(`${BASE}/imports?mode=${mode}`, file, file.name, onProgress);
}

export function fetchImport(id: number): Promise<ImportJob> {
  return api('GET', `${BASE}/imports/${id}`);
}

export function downloadErrorReport(id: number): Promise<void> {
  return download(`${BASE}/imports/${id}/errors.xlsx`, `import-${id}-errors.xlsx`);
}
