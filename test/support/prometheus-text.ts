import { spawnSync } from 'node:child_process';

/** One sample line of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const labelPair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/gy;

/**
 * Parses Prometheus text exposition (format 0.0.4). Throws on any line
 * that is neither a comment nor a well-formed sample, so a test using it
 * also checks the format.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;

    const match = sampleLine.exec(line);
    if (!match) throw new Error(`Line ${index + 1} is not a sample: ${line}`);
    const [, name = '', labelText = '', valueText = ''] = match;

    const labels: Record<string, string> = {};
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < labelText.length) {
      const pair = labelPair.exec(labelText);
      if (!pair)
        throw new Error(`Line ${index + 1} has malformed labels: ${line}`);
      labels[pair[1] ?? ''] = (pair[2] ?? '').replace(
        /\\(.)/g,
        (_m, c: string) => (c === 'n' ? '\n' : c),
      );
    }

    const value = parseSampleValue(valueText);
    if (value === undefined) {
      throw new Error(`Line ${index + 1} has a non-numeric value: ${line}`);
    }
    samples.push({ name, labels, value });
  }
  return samples;
}

/**
 * Parses a sample value as Prometheus does (Go's ParseFloat): NaN and
 * Inf in any letter case, such as prom-client's `Nan`.
 */
function parseSampleValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  const value = Number(text);
  return text !== '' && !Number.isNaN(value) ? value : undefined;
}

/** Sums the samples of `name` whose labels include every pair in `where`. */
export function sumSamples(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): number {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) =>
      Object.entries(where).every(
        ([key, value]) => sample.labels[key] === value,
      ),
    )
    .reduce((total, sample) => total + sample.value, 0);
}

/**
 * Finds promtool (Debian package `prometheus`). In CI (CI=true) a missing
 * promtool fails the calling test; elsewhere the test is skipped and the
 * reason printed, so a developer machine without it still runs the rest.
 */
export function promtoolAvailability():
  { path: string } | { skipReason: string } {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return { path: 'promtool' };

  const reason =
    'promtool is not installed (apt-get install -y prometheus); skipping the promtool check';
  if (process.env.CI === 'true') {
    throw new Error(
      `${reason}. CI installs it in .ci/run, so its absence there is a failure.`,
    );
  }
  return { skipReason: reason };
}
