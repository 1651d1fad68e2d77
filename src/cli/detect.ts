import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isUserError } from '../core/errors/user-error.js';
import { AnomalyDetector } from '../core/monitor/detector/anomaly-detector.js';
import { parseSeriesCsv } from '../core/monitor/series-csv.js';

/** Exit code for bad input (as for every usage problem of the CLI). */
export const EXIT_BAD_INPUT = 2;

export interface DetectRow {
  /** As written in the file: a string, or a number for epoch timestamps. */
  timestamp: string | number;
  value: number;
  score: number;
  /** True only on the row where an alert would fire. */
  isAnomaly: boolean;
}

/** Runs the product's detector, default settings, over a `timestamp,value` CSV: one row per input row. */
export function runDetect(csvText: string): DetectRow[] {
  const { rows, stepMs } = parseSeriesCsv(csvText);
  const detector = new AnomalyDetector({ stepMs });
  return rows.map((row) => {
    const result = detector.push(row.t, row.v);
    return {
      timestamp: row.timestamp,
      value: row.v,
      score: Math.round(result.score * 1000) / 1000,
      isAnomaly: result.isAnomaly,
    };
  });
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description(
      'run the anomaly detector over a timestamp,value CSV and print one JSON object per row',
    )
    .requiredOption('-i, --input <file>', 'CSV file with columns timestamp,value')
    .action((options: { input: string }, command: Command) => {
      const rows = withBadInputAsExit(command, () => runDetect(readInput(options.input)));
      const lines = rows.map((row) => JSON.stringify(row));
      command.configureOutput().writeOut?.(`[\n${lines.join(',\n')}\n]\n`);
    });
}

/** Reads the input file, turning a missing or unreadable file into bad input. */
export function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (code ?? 'unreadable');
    throw new BadInput(`cannot read ${file}: ${why}. Check the --input path.`);
  }
}

class BadInput extends Error {}

/** Runs `work`; bad input becomes a one-line error on stderr and exit code 2, never a stack. */
export function withBadInputAsExit<T>(command: Command, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BadInput)
      command.error(`error: ${error.message}`, {
        exitCode: EXIT_BAD_INPUT,
        code: 'ai4k8s.badInput',
      });
    if (isUserError(error))
      command.error(`error: ${error.toText()}`, {
        exitCode: EXIT_BAD_INPUT,
        code: 'ai4k8s.badInput',
      });
    throw error;
  }
}
