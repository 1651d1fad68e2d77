import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readTools } from '../../../../src/core/tools/read/index.js';

describe('readTools', () => {
  it('are the seven read tools, with the names MCP clients will see', () => {
    expect(readTools.map((t) => t.name)).toEqual([
      'get_cluster_info',
      'get_pods',
      'get_services',
      'get_deployments',
      'get_pod_logs',
      'get_docker_containers',
      'get_pod_top',
    ]);
  });

  it.each(readTools.map((t) => [t.name, t] as const))(
    '%s is read-only, takes a cluster and has an MCP-ready schema',
    (_name, tool) => {
      expect(tool.maxRisk).toBe('read');
      expect(tool.annotations.readOnlyHint).toBe(true);
      expect(tool.annotations.destructiveHint).toBe(false);
      expect(tool.description.length).toBeGreaterThan(150);
      const schema = z.toJSONSchema(tool.input) as {
        properties: Record<string, { description?: string }>;
      };
      expect(schema.properties.cluster?.description).toMatch(/cluster/);
      for (const [field, property] of Object.entries(schema.properties)) {
        expect(`${field}: ${property.description ?? ''}`).toMatch(/: .{10,}/);
      }
      const minimal =
        tool.name === 'get_pod_logs' ? { pod: 'web', cluster: 'prod' } : { cluster: 'prod' };
      expect(tool.risk(tool.input.parse(minimal))).toBe('read');
      expect(() => tool.input.parse({ ...minimal, cluster: 42 })).toThrow();
      expect(() => tool.input.parse({ ...minimal, namespce: 'typo' })).toThrow(/namespce/);
    },
  );
});
