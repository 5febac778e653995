/**
 * `--profile[=contender]`: CPU-profiles the timed calls of one contender (default the subject)
 * with the inspector, writes the .cpuprofile files (open them in Chrome DevTools) and prints
 * where the self time went, by area (library directory or package) and by function.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RESULTS_DIR } from './results';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export const PROFILES_DIR = join(RESULTS_DIR, 'profiles');
const ROOT = join(__dirname, '..', '..');

export class ContenderProfiler {
  private session?: Session;
  readonly profiles: CpuProfile[] = [];

  async start(): Promise<void> {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: 100 });
    }
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<void> {
    const { profile } = (await this.session!.post('Profiler.stop')) as { profile: CpuProfile };
    this.profiles.push(profile);
  }

  async dispose(): Promise<void> {
    if (!this.session) return;
    await this.session.post('Profiler.disable');
    this.session.disconnect();
  }

  /** Writes the profiles and returns the printed summary. */
  report(name: string, top = 18): string {
    mkdirSync(PROFILES_DIR, { recursive: true });
    this.profiles.forEach((p, i) =>
      writeFileSync(join(PROFILES_DIR, `${name}-${i + 1}.cpuprofile`), JSON.stringify(p)),
    );
    return (
      summarize(this.profiles, top) +
      `\n  profiles: ${relative(ROOT, PROFILES_DIR)}/${name}-*.cpuprofile`
    );
  }
}

/** Summary of .cpuprofile files written by `node --cpu-prof` (e.g. a spawned cold start). */
export function summarizeFiles(files: string[], top = 18): string {
  const profiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile);
  return (
    summarize(profiles, top) + `\n  profiles: ${files.map((f) => relative(ROOT, f)).join(', ')}`
  );
}

/** Where a function lives: `registers-db/manager/manager.ts`, a package name, or a Node/V8 bucket. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const lib = path.match(/libs\/(registers-[a-z]+)\/src\/(.+)$/);
  if (lib) return `${lib[1]}/${lib[2]}`;
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (pkg) return pkg[pkg.length - 1].replace(/^node_modules\//, '').replace(/\/$/, '');
  if (path.startsWith('node:')) return 'node internals';
  if (path.includes('/bench/')) return `bench/${path.split('/bench/')[1]}`;
  return path;
}

export function summarize(profiles: CpuProfile[], top: number): string {
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const p of profiles) {
    const selfUs = new Map<number, number>();
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      // timeDeltas[i] is the time before sample i; attribute the next delta to the sample.
      const dt = deltas[i + 1] ?? 0;
      selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
    }
    for (const n of p.nodes) {
      const us = selfUs.get(n.id) ?? 0;
      if (!us) continue;
      const { functionName, url, lineNumber } = n.callFrame;
      // The inspector's own Profiler.stop message, not the contender's work.
      if (!url && functionName === 'dispatch') continue;
      const area = areaOf(url, functionName);
      const fn = `${functionName || '(anonymous)'}  ${area}${url ? `:${lineNumber + 1}` : ''}`;
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      byFn.set(fn, (byFn.get(fn) ?? 0) + us);
      total += us;
    }
  }
  const fmt = (entries: Map<string, number>, n: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000 / profiles.length).toFixed(2).padStart(8)} ms/call  ${k}`,
      );
  return [
    `  profile: ${profiles.length} timed calls, self time by area:`,
    ...fmt(byArea, 14),
    `  self time by function:`,
    ...fmt(byFn, top),
  ].join('\n');
}
