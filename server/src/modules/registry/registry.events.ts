/** Facts the registry announces; `<module>.<entity>_<past-verb>.v<version>` like every module's. */
export const IMPORT_FAILED = 'registry.import_failed.v1';

declare module '../../core/events.js' {
  interface EventMap {
    [IMPORT_FAILED]: ImportFailedPayload;
  }
}

/** An import that stopped before its end, and why, for the person who started it. */
export interface ImportFailedPayload {
  importId: number;
  fileName: string;
  startedBy: number;
  /** Rows already written: they stay, and the same file imported again counts them as duplicates. */
  importedRows: number;
  reasonZh: string;
  reasonEn: string;
}
