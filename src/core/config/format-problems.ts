import type { ConfigProblem } from './env.js';

/** One line per problem: where, what, how to fix. Values are never printed (they may be secrets). */
export function formatProblems(problems: ConfigProblem[], file?: string): string {
  const head = `Configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}${file ? ` (${file})` : ''}:`;
  const lines = problems.map((p) => `  - ${p.where}: ${p.what}. Fix: ${p.fix}.`);
  return [head, ...lines].join('\n');
}
