/**
 * Protocol fuzzing at scale: the same cases as tests/server/protocolFuzz.test.ts, 100,000 by default,
 * against an in-process server (SQLite in a temp folder, 127.0.0.1 only), while two stock clients edit.
 *
 *   npx tsx bench/fuzz.ts [--cases N] [--seed S] [--lanes L] [--commands N]
 *
 * Prints progress (cases/second, closes by code), then the final line
 * `fuzz: N cases, server up, honest clients converged` or `fuzz: FAILED …` (exit code 1).
 */
import { mulberry32 } from './lib/robustness/prng';
import { startBenchServer } from './lib/robustness/server';
import { runCommandFuzz } from './lib/robustness/socketFuzz';
import { fuzzTarget, runYjsFuzz, type YjsFuzzStats } from './lib/robustness/yjsFuzz';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

const cases = arg('cases', 100_000);
const seed = arg('seed', 0xc4015ee);
const lanes = arg('lanes', 12);
const commands = arg('commands', Math.max(1_000, Math.round(cases / 20)));

const fmtCodes = (s: YjsFuzzStats) =>
  Object.entries(s.closesByCode)
    .map(([code, n]) => `${code}:${n}`)
    .join(' ');

async function main(): Promise<boolean> {
  console.log(`fuzz: ${cases} cases, seed ${seed}, ${lanes} lanes, ${commands} socket.io commands`);
  const s = await startBenchServer();
  let ok = true;
  try {
    let lastAt = Date.now();
    let lastCases = 0;
    const stats = await runYjsFuzz(await fuzzTarget(s), {
      cases,
      seed,
      rng: mulberry32(seed),
      lanes,
      maxProblems: 200,
      progressEvery: Math.max(1_000, Math.round(cases / 20)),
      onProgress: (done, st) => {
        const now = Date.now();
        const rate = ((done - lastCases) * 1000) / Math.max(1, now - lastAt);
        lastAt = now;
        lastCases = done;
        console.log(
          `  ${done} cases, ${st.seconds.toFixed(0)} s, ${rate.toFixed(0)} cases/s; closes ${fmtCodes(st)}; open ${st.stayedOpen}; problems ${st.problems.length}`,
        );
      },
    });
    console.log(
      `yjs: ${stats.cases} cases in ${stats.seconds.toFixed(1)} s (${(stats.cases / stats.seconds).toFixed(0)} cases/s), ${stats.socketsOpened} sockets opened`,
    );
    console.log(`yjs: kinds ${JSON.stringify(stats.byKind)}`);
    console.log(`yjs: closes by code ${fmtCodes(stats)}; stayed open ${stats.stayedOpen}; honest notes ${stats.honestNotes}`);
    for (const p of stats.problems) console.log(`  PROBLEM ${p}`);
    if (stats.problems.length > 0) ok = false;

    const fac = await s.createWorkshop('Fuzz commands');
    const pat = await s.join(fac.id, { joinCode: fac.joinCode, name: 'Pat', role: 'commune' });
    const started = Date.now();
    const cmd = await runCommandFuzz(s.url, { facilitator: fac.facilitatorToken, participant: pat.token }, mulberry32(seed + 1), commands);
    console.log(
      `socket.io: ${cmd.cases} commands in ${((Date.now() - started) / 1000).toFixed(1)} s; ok ${cmd.ok}, refused ${cmd.refused} ${JSON.stringify(cmd.byError)}, reconnects ${cmd.reconnects}`,
    );
    for (const p of cmd.problems) console.log(`  PROBLEM ${p}`);
    if (cmd.problems.length > 0) ok = false;
    if (({} as Record<string, unknown>).polluted !== undefined) {
      console.log('  PROBLEM Object.prototype was polluted');
      ok = false;
    }

    const health = await fetch(`${s.url}/health`);
    if (health.status !== 200) {
      console.log(`  PROBLEM GET /health answered ${health.status}`);
      ok = false;
    }
    if (s.errors.length > 0) {
      console.log(`server logged ${s.errors.length} errors, first: ${s.errors[0].slice(0, 300)}`);
      ok = false;
    }
    if (ok) console.log(`fuzz: ${stats.cases} cases, server up, honest clients converged`);
    else console.log(`fuzz: FAILED (${stats.problems.length + cmd.problems.length} problems over ${stats.cases} cases; seed ${seed})`);
  } finally {
    await s.stop();
  }
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error('fuzz: FAILED', err);
    process.exit(1);
  },
);
