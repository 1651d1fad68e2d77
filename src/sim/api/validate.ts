// Create/update validation with the API server's 400/422 wording for the mistakes people make.
import type { Container, KubeObject, Workload } from '../objects/types.js';
import { labelSelectorMatcher } from '../util/selectors.js';
import { parseQuantity } from '../util/quantity.js';
import { apiVersionOf, type ResourceDef } from './resources.js';
import { badRequest, invalid } from './status.js';

type FieldError = { field: string; type: string; detail?: string };

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function nameErrors(def: ResourceDef, name: string): FieldError[] {
  if (def.plural === 'services' && !DNS1035_LABEL.test(name)) {
    return [
      {
        field: 'metadata.name',
        type: 'Invalid value',
        detail: `"${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      },
    ];
  }
  if (def.plural === 'namespaces' && !DNS1123_LABEL.test(name)) {
    return [
      {
        field: 'metadata.name',
        type: 'Invalid value',
        detail: `"${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      },
    ];
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [
      {
        field: 'metadata.name',
        type: 'Invalid value',
        detail: `"${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      },
    ];
  }
  return [];
}

function containerErrors(containers: unknown, path: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0)
    return [{ field: path, type: 'Required value' }];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (containers as Container[]).forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!c || typeof c !== 'object') {
      errs.push({ field: p, type: 'Required value' });
      return;
    }
    if (!c.name) errs.push({ field: `${p}.name`, type: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name))
      errs.push({
        field: `${p}.name`,
        type: 'Invalid value',
        detail: `"${c.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
      });
    else if (seen.has(c.name))
      errs.push({ field: `${p}.name`, type: 'Duplicate value', detail: `"${c.name}"` });
    seen.add(c.name);
    if (!c.image) errs.push({ field: `${p}.image`, type: 'Required value' });
    for (const kind of ['requests', 'limits'] as const) {
      for (const [r, v] of Object.entries(c.resources?.[kind] ?? {})) {
        try {
          parseQuantity(String(v));
        } catch {
          errs.push({
            field: `${p}.resources.${kind}[${r}]`,
            type: 'Invalid value',
            detail: `"${String(v)}": must be a valid quantity`,
          });
        }
      }
    }
  });
  return errs;
}

/** Checks kind/apiVersion/namespace against the URL; 400 BadRequest as the API server says it. */
export function checkEnvelope(
  def: ResourceDef,
  obj: KubeObject,
  namespace: string | undefined,
): void {
  const expected = apiVersionOf(def);
  if (obj.apiVersion && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind && obj.kind !== def.kind)
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`,
    );
  if (
    def.namespaced &&
    obj.metadata?.namespace &&
    namespace &&
    obj.metadata.namespace !== namespace
  ) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

export function validateObject(def: ResourceDef, obj: KubeObject): void {
  const name = obj.metadata?.name ?? '';
  const errs: FieldError[] = name
    ? nameErrors(def, name)
    : [
        {
          field: 'metadata.name',
          type: 'Required value',
          detail: 'name or generateName is required',
        },
      ];
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  if (def.plural === 'pods') errs.push(...containerErrors(spec.containers, 'spec.containers'));
  if (def.group === 'apps') {
    const w = obj as Workload;
    const template = w.spec?.template;
    if (!w.spec?.selector) errs.push({ field: 'spec.selector', type: 'Required value' });
    const replicas = spec.replicas;
    if (
      replicas !== undefined &&
      (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas))
    ) {
      errs.push({
        field: 'spec.replicas',
        type: 'Invalid value',
        detail: `${String(replicas)}: must be greater than or equal to 0`,
      });
    }
    if (!template?.spec)
      errs.push({ field: 'spec.template.spec.containers', type: 'Required value' });
    else errs.push(...containerErrors(template.spec.containers, 'spec.template.spec.containers'));
    if (
      w.spec?.selector &&
      template &&
      !labelSelectorMatcher(w.spec.selector)(template.metadata?.labels)
    ) {
      errs.push({
        field: 'spec.template.metadata.labels',
        type: 'Invalid value',
        detail: `${JSON.stringify(template.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  if (def.plural === 'services') {
    const ports = spec.ports;
    const headless = spec.clusterIP === 'None';
    const type = String(spec.type ?? 'ClusterIP');
    if (type !== 'ExternalName' && !headless && (!Array.isArray(ports) || ports.length === 0))
      errs.push({ field: 'spec.ports', type: 'Required value' });
    if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
      errs.push({
        field: 'spec.type',
        type: 'Unsupported value',
        detail: `"${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
      });
  }
  if (errs.length > 0) throw invalid(def.kind, def.group, name, errs);
}

/** Pod specs are mostly immutable once created; same message as the API server. */
export function checkPodUpdate(old: KubeObject, next: KubeObject): void {
  const strip = (o: KubeObject): unknown => {
    const spec = structuredClone(o.spec ?? {}) as Record<string, unknown>;
    for (const c of (spec.containers as Container[] | undefined) ?? []) c.image = '';
    delete spec.activeDeadlineSeconds;
    delete spec.tolerations;
    delete spec.terminationGracePeriodSeconds;
    return spec;
  };
  if (JSON.stringify(strip(old)) !== JSON.stringify(strip(next))) {
    throw invalid('Pod', '', old.metadata.name, [
      {
        field: 'spec',
        type: 'Forbidden',
        detail:
          'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      },
    ]);
  }
}
