import { describe, expect, it } from 'vitest';
import {
  approvalIdPattern,
  newApprovalId,
} from '../../../../src/core/tools/registry/approval-id.js';
import { canonicalJson } from '../../../../src/core/tools/registry/canonical-json.js';
import { fitToBudget } from '../../../../src/core/tools/registry/fit-budget.js';
import { runWithTimeout } from '../../../../src/core/tools/registry/run-with-timeout.js';
import { UserError } from '../../../../src/core/errors/user-error.js';

describe('canonicalJson', () => {
  it('gives equal calls the same string whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe('newApprovalId', () => {
  it('is apr_ and 10 url-safe characters, different every time', () => {
    const ids = new Set(Array.from({ length: 500 }, newApprovalId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(approvalIdPattern);
  });
});

describe('fitToBudget', () => {
  const lines = Array.from({ length: 500 }, (_, i) => `pod-${i}  Running  0  5m`).join('\n');

  it('leaves text within the budget alone', () => {
    expect(fitToBudget('short', 200, 8000)).toBe('short');
  });

  it('cuts at a line boundary, stays within the budget and says what was left out and how to get it', () => {
    const fitted = fitToBudget(lines, 300, 8000);
    expect(fitted.length).toBeLessThanOrEqual(300 * 4);
    const [head, note] = [
      fitted.slice(0, fitted.lastIndexOf('\n')),
      fitted.slice(fitted.lastIndexOf('\n') + 1),
    ];
    expect(lines.startsWith(head)).toBe(true);
    expect(head.split('\n').at(-1)).toMatch(/^pod-\d+ {2}Running {2}0 {2}5m$/);
    const left = 500 - head.split('\n').length;
    expect(note).toContain(`${left} more lines`);
    expect(note).toContain('budgetTokens up to 8000');
  });

  it('keeps the head of one enormous line', () => {
    const fitted = fitToBudget('x'.repeat(50_000), 500, 500);
    expect(fitted.length).toBeLessThanOrEqual(2000);
    expect(fitted).toMatch(/^x{1000,}\n… 1 more line/);
    expect(fitted).not.toContain('budgetTokens up to');
  });
});

describe('runWithTimeout', () => {
  it('returns the result of work that finishes', async () => {
    await expect(runWithTimeout({ timeoutMs: 1000, what: 'x', work: async () => 7 })).resolves.toBe(
      7,
    );
  });

  it('aborts the signal and answers with a UserError at the deadline, even when the work ignores it', async () => {
    let seen: AbortSignal | undefined;
    const run = runWithTimeout({
      timeoutMs: 50,
      what: 'get_pods',
      work: (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      },
    });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow('get_pods did not finish within 50 ms.');
    expect(seen?.aborted).toBe(true);
  });

  it('stops on the caller’s cancellation', async () => {
    const controller = new AbortController();
    const run = runWithTimeout({
      timeoutMs: 10_000,
      what: 'x',
      signal: controller.signal,
      work: () => new Promise(() => undefined),
    });
    controller.abort();
    await expect(run).rejects.toThrow('x was cancelled.');
  });
});
