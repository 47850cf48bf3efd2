/** What the shell remembers between launches: window bounds, the last case, recent cases. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ShellState {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
  lastCase: string | null;
  recentCases: string[];
}

const DEFAULT_STATE: ShellState = { bounds: { width: 1360, height: 860 }, maximized: false, lastCase: null, recentCases: [] };
const MAX_RECENT = 10;

export class ShellStateFile {
  private state: ShellState;

  constructor(private readonly path: string) {
    this.state = load(path);
  }

  static in(userDataDir: string): ShellStateFile {
    return new ShellStateFile(join(userDataDir, 'shell-state.json'));
  }

  get(): ShellState {
    return this.state;
  }

  update(changes: Partial<ShellState>): void {
    this.state = { ...this.state, ...changes };
    this.save();
  }

  rememberCase(path: string): void {
    const recentCases = [path, ...this.state.recentCases.filter((entry) => entry !== path)].slice(0, MAX_RECENT);
    this.update({ lastCase: path, recentCases });
  }

  forgetCase(path: string): void {
    this.update({
      lastCase: this.state.lastCase === path ? null : this.state.lastCase,
      recentCases: this.state.recentCases.filter((entry) => entry !== path),
    });
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, this.path); // atomic: a crash never leaves half a file
  }
}

function load(path: string): ShellState {
  if (!existsSync(path)) return structuredClone(DEFAULT_STATE);
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ShellState>;
    return {
      bounds: parsed.bounds && typeof parsed.bounds.width === 'number' ? parsed.bounds : DEFAULT_STATE.bounds,
      maximized: parsed.maximized === true,
      lastCase: typeof parsed.lastCase === 'string' ? parsed.lastCase : null,
      recentCases: Array.isArray(parsed.recentCases) ? parsed.recentCases.filter((entry) => typeof entry === 'string') : [],
    };
  } catch {
    return structuredClone(DEFAULT_STATE);
  }
}
