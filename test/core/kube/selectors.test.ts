import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.js';
import {
  matchesLabelMap,
  matchesSelector,
  parseFieldSelector,
  parseLabelSelector,
} from '../../../src/core/kube/selectors.js';

const web = {
  app: 'web',
  tier: 'frontend',
  env: 'prod',
  'app.kubernetes.io/name': 'web',
  replicas: '3',
};
const cache = { app: 'cache', tier: 'backend' };

describe('parseLabelSelector', () => {
  it.each([
    ['app=web', true, false],
    ['app==web', true, false],
    ['app!=web', false, true],
    ['tier in (frontend, backend)', true, true],
    ['tier notin (backend)', true, false],
    ['env', true, false],
    ['!env', false, true],
    ['app.kubernetes.io/name=web,tier=frontend', true, false],
    ['app=web,tier=backend', false, false],
    ['env in (prod,staging),app', true, false],
    ['replicas>2', true, false],
    ['replicas<2', false, false],
    ['', true, true],
  ])('%s selects web=%s cache=%s', (selector, matchesWeb, matchesCache) => {
    const test = parseLabelSelector(selector);
    expect(test(web)).toBe(matchesWeb);
    expect(test(cache)).toBe(matchesCache);
  });

  it.each(['app=web=x', 'app in web', '=web', 'app=(x)', 'a b'])(
    'refuses %s with a fix',
    (selector) => {
      const error = (() => {
        try {
          parseLabelSelector(selector);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).kind).toBe('bad-input');
      expect((error as UserError).hint).toContain('app=web');
    },
  );
});

describe('matchesSelector', () => {
  it('applies matchLabels and every matchExpressions operator', () => {
    expect(matchesSelector({ matchLabels: { app: 'web' } }, web)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'web' } }, cache)).toBe(false);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }] },
        web,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
        web,
      ),
    ).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, cache)).toBe(
      false,
    );
    expect(
      matchesSelector({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, cache),
    ).toBe(true);
    expect(matchesSelector({}, web)).toBe(false);
    expect(matchesSelector(undefined, web)).toBe(false);
  });

  it('treats an empty service selector as selecting nothing', () => {
    expect(matchesLabelMap({ app: 'web' }, web)).toBe(true);
    expect(matchesLabelMap({}, web)).toBe(false);
  });
});

describe('parseFieldSelector', () => {
  const fields = {
    'metadata.name': (o: { name: string; phase: string }) => o.name,
    'status.phase': (o: { name: string; phase: string }) => o.phase,
  };

  it('supports =, == and != on the given fields', () => {
    const test = parseFieldSelector('status.phase!=Running,metadata.name==a', fields);
    expect(test({ name: 'a', phase: 'Pending' })).toBe(true);
    expect(test({ name: 'a', phase: 'Running' })).toBe(false);
    expect(test({ name: 'b', phase: 'Pending' })).toBe(false);
  });

  it('names the supported fields when given another', () => {
    expect(() => parseFieldSelector('spec.hostNetwork=true', fields)).toThrow(/spec\.hostNetwork/);
    try {
      parseFieldSelector('spec.hostNetwork=true', fields);
    } catch (error) {
      expect((error as UserError).hint).toBe('Supported fields: metadata.name, status.phase.');
    }
  });
});
