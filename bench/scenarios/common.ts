import type { ServerKind } from '../lib/servers';
import { KIND_LABEL } from '../lib/servers';
import { check, fmt, table } from '../lib/stats';

export interface BenchContext {
  quick: boolean;
  servers: ServerKind[];
  log: (line: string) => void;
}

export type Outcome<R> = { ok: true; result: R } | { ok: false; error: string };

/** Runs one scenario against each server in turn; a failure on one server does not stop the others. */
export async function perServer<R>(
  ctx: BenchContext,
  id: string,
  kinds: ServerKind[],
  runOne: (kind: ServerKind) => Promise<R>,
): Promise<Map<ServerKind, Outcome<R>>> {
  const out = new Map<ServerKind, Outcome<R>>();
  for (const kind of kinds) {
    const t0 = Date.now();
    ctx.log(`  ${id} · ${kind} …`);
    try {
      out.set(kind, { ok: true, result: await runOne(kind) });
      ctx.log(`  ${id} · ${kind} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      ctx.log(`  ${id} · ${kind} FAILED: ${error}`);
      out.set(kind, { ok: false, error });
    }
  }
  return out;
}

export function resultTable<R>(results: Map<ServerKind, Outcome<R>>, headers: string[], row: (r: R) => string[]): string {
  const rows: string[][] = [];
  for (const [kind, outcome] of results) {
    if (outcome.ok) rows.push([KIND_LABEL[kind], ...row(outcome.result)]);
    else rows.push([KIND_LABEL[kind], `failed: ${outcome.error.replace(/\|/g, '/').slice(0, 120)}`, ...headers.slice(2).map(() => '')]);
  }
  return table(['server', ...headers.slice(1)], rows);
}

export interface RatioSpec<R> {
  metric: string;
  value: (r: R) => number;
  /** Lower is better for every metric here; the target is on Croisée/`against` ≤ `max`. */
  target?: { against: ServerKind; max: number };
}

/** Croisée divided by each baseline, with ✅/❌ where the issue sets a target. */
export function ratioTable<R>(results: Map<ServerKind, Outcome<R>>, specs: RatioSpec<R>[]): string {
  const croisee = results.get('croisee');
  const baselines = (['relay', 'yws', 'hocuspocus'] as ServerKind[]).filter((k) => results.has(k));
  if (!croisee?.ok || baselines.length === 0) return '';
  const rows = specs.map((spec) => {
    const mine = spec.value(croisee.result);
    const cells = baselines.map((kind) => {
      const other = results.get(kind);
      if (!other?.ok) return 'n/a';
      const theirs = spec.value(other.result);
      return Number.isFinite(mine) && Number.isFinite(theirs) && theirs > 0 ? `${fmt(mine / theirs, 2)}×` : 'n/a';
    });
    let verdict = '';
    if (spec.target) {
      const other = results.get(spec.target.against);
      if (other?.ok) {
        const ratio = mine / spec.value(other.result);
        verdict = `${check(Number.isFinite(ratio) && ratio <= spec.target.max)} ≤ ${spec.target.max}× ${spec.target.against}`;
      } else verdict = `(needs ${spec.target.against} in the run)`;
    }
    return [spec.metric, ...cells, verdict];
  });
  return `Ratios Croisée / baseline:\n\n${table(['metric', ...baselines.map((k) => `Croisée/${k}`), 'target'], rows)}`;
}

/** Absolute targets on Croisée's own figures. */
export function targetLines<R>(
  results: Map<ServerKind, Outcome<R>>,
  targets: Array<{ label: string; ok: (r: R) => boolean; value: (r: R) => string }>,
): string {
  const croisee = results.get('croisee');
  if (!croisee) return '';
  if (!croisee.ok) return targets.map((t) => `- ${t.label}: ❌ (Croisée run failed)`).join('\n');
  return targets.map((t) => `- ${t.label}: ${check(t.ok(croisee.result))} (${t.value(croisee.result)})`).join('\n');
}
