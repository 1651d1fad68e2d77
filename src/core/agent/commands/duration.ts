import { UserError } from '../../errors/user-error.js';

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `10m`, `1h30m`, `2d` -> seconds; a bare number means seconds. */
export function parseDurationSeconds(text: string, what = 'duration'): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+)([smhd])/g)];
  const rebuilt = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || rebuilt !== trimmed) {
    throw new UserError(
      'bad-input',
      `"${text}" is not a ${what}.`,
      'Write it like 30s, 10m, 1h30m or 2d.',
    );
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unitSeconds[p[2] as string] ?? 0), 0);
}
