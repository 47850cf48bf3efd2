export interface CaseInfo {
  path: string;
  /** File name without `.parley`. */
  name: string;
  schemaVersion: number;
  counts: Record<string, number>;
}
