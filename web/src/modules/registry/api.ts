import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { PersonTag } from '../../../../server/src/modules/registry/domain/tags';
import type {
  FacilityKind,
  FacilityStatus,
  NineSmallKind,
  VenueKind,
} from '../../../../server/src/modules/registry/domain/things';
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

/** A resident as a building's household list shows them: masked, tags by code only. */
export interface Resident {
  id: number;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  registered: boolean;
  tags: string[];
}

export interface Household {
  id: number;
  room: string;
  use: HouseholdUse;
  version: number;
  /** The last doorstep visit, null before the first. */
  visitedAt: string | null;
  residents: Resident[];
}

/** A unit of a building; a building without units has one, named ''. */
export interface Unit {
  id: number;
  name: string;
  households: Household[];
}

export interface BuildingListItem {
  id: number;
  name: string;
  address: string;
  compound: string | null;
  gridCode: string;
  floors: number;
  households: number;
  /** Households with at least one doorstep visit. */
  visited: number;
}

export interface Visit {
  id: number;
  householdId: number;
  actorId: number;
  recordedAt: string;
  receivedAt: string;
  useBefore: HouseholdUse;
  useAfter: HouseholdUse;
  note: string | null;
  movedOut: number[];
  movedIn: number[];
}

export interface Compound {
  id: number;
  name: string;
  address: string | null;
  propertyCompany: string | null;
  communityCode: string;
  buildings: number;
  households: number;
  people: number;
  /** The hull of its buildings; null while it has none. */
  outline: Polygon | MultiPolygon | null;
}

export interface CompoundDetail extends Compound {
  buildingList: { id: number; name: string; address: string; floors: number; gridCode: string }[];
}

export interface Person {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  registered: boolean;
  householdId: number | null;
  movedOutAt: string | null;
  household: {
    id: number;
    buildingId: number;
    building: string;
    address: string;
    unit: string;
    room: string;
    use: HouseholdUse;
  } | null;
  gridCode: string;
  tags: { tag: string; detail: string | null; setAt: string }[];
}

export interface PeopleQuery {
  name?: string;
  idNumber?: string;
  phone?: string;
  tag?: PersonTag;
}

export type RevealField = 'idNumber' | 'phone';

export interface RegistrySummary {
  buildings: number;
  households: number;
  people: number;
  floating: number;
  byTag: Record<string, number>;
  venues: number;
  facilities: number;
  openCases: number;
}

export interface SituationRow extends RegistrySummary {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid';
}

/** 情: the live counts of each child area of a region, and of the region. */
export interface Situation {
  regionCode: string;
  rows: SituationRow[];
  total: RegistrySummary;
}

export interface Venue {
  id: number;
  name: string;
  kind: VenueKind;
  nineSmallKind: NineSmallKind | null;
  address: string;
  location: { lng: number; lat: number };
  buildingId: number | null;
  ownerName: string | null;
  contactPhoneMasked: string | null;
  creditCode: string | null;
  gridCode: string;
  createdAt: string;
}

export interface Facility {
  id: number;
  kind: FacilityKind;
  name: string;
  location: { lng: number; lat: number };
  buildingId: number | null;
  venueId: number | null;
  ownerName: string | null;
  status: FacilityStatus;
  gridCode: string;
  createdAt: string;
}

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
export async function searchBuildings(regionCode: string): Promise<BuildingListItem[]> {
  const query = queryString({ regionCode, limit: 1000 });
  return (await api<{ items: BuildingListItem[] }>('GET', `${BASE}/buildings/search?${query}`)).items;
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
