import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.js';
import { clusterSourcesFromConfig } from '../../../src/core/kube/kubeconfig-sources.js';
import { useTempDir } from '../../support/temp-dir.js';
import { kubeconfigYaml } from './kubeconfig-fixture.js';

describe('clusterSourcesFromConfig', () => {
  const tempDir = useTempDir();

  it('without clusters uses the current context of KUBECONFIG, merged like kubectl (first file wins)', () => {
    const dir = tempDir();
    const first = join(dir, 'a.yaml');
    const second = join(dir, 'b.yaml');
    writeFileSync(first, kubeconfigYaml('http://127.0.0.1:1', 'kind-dev'));
    writeFileSync(second, kubeconfigYaml('http://127.0.0.1:2', 'prod'));
    const sources = clusterSourcesFromConfig({
      config: { clusters: [], kubeconfig: `${first}${delimiter}${second}` },
      homeDir: dir,
    });
    expect(sources.map((s) => s.name)).toEqual(['kind-dev']);
    const kubeConfig = sources[0]!.loadKubeConfig();
    expect(kubeConfig.getCurrentCluster()?.server).toBe('http://127.0.0.1:1');
    expect(kubeConfig.getContexts().map((c) => c.name)).toEqual(['kind-dev', 'prod']);
  });

  it('without clusters and KUBECONFIG reads ~/.kube/config', () => {
    const home = tempDir();
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), kubeconfigYaml('http://127.0.0.1:3', 'home-ctx'));
    const sources = clusterSourcesFromConfig({ config: { clusters: [] }, homeDir: home });
    expect(sources.map((s) => s.name)).toEqual(['home-ctx']);
  });

  it('with nothing to use says how to fix it', () => {
    const home = tempDir();
    let error: unknown;
    try {
      clusterSourcesFromConfig({ config: { clusters: [] }, homeDir: home });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toMatch(/KUBECONFIG.*clusters:.*ai4k8s demo/);
  });

  it('configured clusters pick their context, and a bad one fails only when that cluster is used', () => {
    const dir = tempDir();
    const file = join(dir, 'multi.yaml');
    writeFileSync(file, kubeconfigYaml('http://127.0.0.1:4', 'one'));
    const sources = clusterSourcesFromConfig({
      config: {
        clusters: [
          { name: 'first', kubeconfig: file, context: 'one', inCluster: false },
          { name: 'broken', kubeconfig: file, context: 'nope', inCluster: false },
          { name: 'missing', kubeconfig: join(dir, 'absent.yaml'), inCluster: false },
          { name: 'pod', inCluster: true },
        ],
      },
      homeDir: dir,
      env: {},
    });
    expect(sources.map((s) => s.name)).toEqual(['first', 'broken', 'missing', 'pod']);
    expect(sources[0]!.loadKubeConfig().getCurrentContext()).toBe('one');
    expect(() => sources[1]!.loadKubeConfig()).toThrow(
      'Cluster "broken": context "nope" is not in its kubeconfig.',
    );
    expect(() => sources[2]!.loadKubeConfig()).toThrow(
      /Cluster "missing": kubeconfig .*absent\.yaml not found/,
    );
    expect(() => sources[3]!.loadKubeConfig()).toThrow(/not running in a pod/);
  });

  it('reports a kubeconfig that is not YAML without a stack trace', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'clusters: [unclosed');
    let error: unknown;
    try {
      clusterSourcesFromConfig({ config: { clusters: [], kubeconfig: file }, homeDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/bad\.yaml cannot be read/);
    expect((error as UserError).toText()).not.toMatch(/\n\s+at /);
  });
});
