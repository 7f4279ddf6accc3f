import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(values: number[]): { p50: number; p90: number; p99: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

export const fmt = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
export const fmtMs = (v: number): string => (!Number.isFinite(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const mb = (bytes: number): string => fmt(bytes / 1024 / 1024, 0);

/** The load generator's own CPU and event-loop delay, to show whether it, not the server, was the limit. */
export class GenMonitor {
  private readonly eld = monitorEventLoopDelay({ resolution: 5 });
  private cpu0 = process.cpuUsage();
  private t0 = performance.now();
  start(): void {
    this.eld.reset();
    this.eld.enable();
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
  }
  stop(): { cpuPercent: number; eldP99Ms: number } {
    const cpu = process.cpuUsage(this.cpu0);
    const wall = performance.now() - this.t0;
    this.eld.disable();
    return { cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100, eldP99Ms: this.eld.percentile(99) / 1e6 };
  }
}

export function table(headers: string[], rows: string[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export const check = (ok: boolean) => (ok ? '✅' : '❌');

/**
 * Host CPU contention: Linux PSI "some" total (µs during which some task waited for a CPU). The
 * share of wall time is shown next to results, since other processes on the machine distort them.
 */
export class HostPressure {
  private t0 = 0;
  private p0: number | null = null;
  static read(): number | null {
    try {
      const m = /some[^\n]*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }
  start(): void {
    this.p0 = HostPressure.read();
    this.t0 = performance.now();
  }
  /** Percent of wall time some task was waiting for a CPU (NaN where PSI is unavailable). */
  stop(): number {
    const p1 = HostPressure.read();
    if (p1 === null || this.p0 === null) return NaN;
    return ((p1 - this.p0) / 1000 / (performance.now() - this.t0)) * 100;
  }
}
