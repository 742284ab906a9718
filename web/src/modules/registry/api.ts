import type { FeatureCollection, Polygon } from 'geojson';
import type { PersonTag } from '../../../../server/src/modules/registry/domain/tags';
import { api, download, upload } from '../../core/api';

// the managed tag list is the server's own (a pure domain module, imported as source)
export { PERSON_TAGS, type PersonTag } from '../../../../server/src/modules/registry/domain/tags';

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
  households: number;
  people: number;
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
}

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

export function fetchSummary(regionCode: string): Promise<RegistrySummary> {
  return api('GET', `${BASE}/summary?regionCode=${enc(regionCode)}`);
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
