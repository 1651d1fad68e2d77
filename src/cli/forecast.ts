import type { Command } from 'commander';
import { UserError } from '../core/errors/user-error.js';
import { DEFAULT_HORIZON_MS, forecast } from '../core/monitor/forecast/forecast.js';
import { parseSeriesCsv } from '../core/monitor/series-csv.js';
import { readInput, withBadInputAsExit } from './detect.js';

export interface ForecastRow {
  /** ISO 8601, UTC. */
  timestamp: string;
  value: number;
  lower: number;
  upper: number;
}

/** Forecasts a `timestamp,value` CSV `horizonMs` ahead: one point per input sampling step. */
export function runForecast(
  csvText: string,
  horizonMs: number = DEFAULT_HORIZON_MS,
): { points: ForecastRow[] } {
  const { rows, stepMs } = parseSeriesCsv(csvText);
  if (horizonMs < stepMs) {
    throw new UserError(
      'bad-input',
      `the horizon (${horizonMs} ms) is shorter than the sampling step of the file (${stepMs} ms).`,
      'Give a --horizon of at least one step, such as 6h.',
    );
  }
  const result = forecast(rows, { horizonMs, stepMs });
  return {
    points: result.points.map((p) => ({
      timestamp: new Date(p.t).toISOString(),
      value: round(p.value),
      lower: round(p.lower),
      upper: round(p.upper),
    })),
  };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses durations such as 6h, 90m, 1h30m, 2d, 45s, 500ms. */
export function parseDuration(text: string): number {
  const compact = text.trim().toLowerCase();
  const parts = [...compact.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const ms = parts.reduce(
    (sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit as string] as number),
    0,
  );
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== compact || !(ms > 0)) {
    throw new UserError(
      'bad-input',
      `cannot read the duration ${JSON.stringify(text)}.`,
      'Write it like 6h, 90m, 1h30m or 2d.',
    );
  }
  return ms;
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description(
      'forecast a timestamp,value CSV with an uncertainty band and print the points as JSON',
    )
    .requiredOption('-i, --input <file>', 'CSV file with columns timestamp,value')
    .option('--horizon <duration>', 'how far ahead, like 6h, 90m or 2d', '6h')
    .action((options: { input: string; horizon: string }, command: Command) => {
      const result = withBadInputAsExit(command, () =>
        runForecast(readInput(options.input), parseDuration(options.horizon)),
      );
      command.configureOutput().writeOut?.(`${JSON.stringify(result)}\n`);
    });
}

/** Nine significant digits: enough for bytes and percentages, without float noise. */
function round(value: number): number {
  return Number(value.toPrecision(9));
}
