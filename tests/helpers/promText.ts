/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is a comment
 * (`# HELP`, `# TYPE`) or `name{labels} value`; anything else throws, so a test fails on bad output.
 * Values are Go floats, so `NaN`/`Nan` and `+Inf` in any case (prom-client prints `Nan` for an empty mean).
 */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const sample =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?)|[+-]?(?:nan|inf))(?: \d+)?$/i;
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const m = sample.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return samples;
}
