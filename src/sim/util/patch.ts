// The three patch types kubectl and client libraries send: JSON merge (RFC 7386), strategic
// merge (merge-key aware lists, as kubectl's own patches use) and JSON patch (RFC 6902).

type Json = unknown;
type JsonObject = Record<string, unknown>;

export class PatchError extends Error {}

const isObject = (v: Json): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = jsonMergePatch(out[key], value);
  }
  return out;
}

/** Merge keys of the list fields that strategic merge patch merges element-wise. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  tolerations: 'key',
  hostAliases: 'ip',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
  topologySpreadConstraints: 'topologyKey',
};

function mergeList(field: string, target: Json[], patch: Json[]): Json[] {
  const mergeKey = MERGE_KEYS[field];
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace'));
  }
  // Service ports merge on "port", not "containerPort".
  const key =
    field === 'ports' && patch.some((p) => isObject(p) && 'port' in p && !('containerPort' in p))
      ? 'port'
      : mergeKey;
  if (!key || !patch.every(isObject)) return structuredClone(patch);
  const out = target.map((t) => structuredClone(t));
  for (const p of patch as JsonObject[]) {
    const idx = out.findIndex((t) => isObject(t) && t[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], p);
    else out.push(strategicMergePatch({}, p));
  }
  return out;
}

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(value))
        out[field] = current.filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) delete out[key];
    else if (Array.isArray(value))
      out[key] = mergeList(key, Array.isArray(out[key]) ? (out[key] as Json[]) : [], value);
    else if (isObject(value)) {
      const merged = strategicMergePatch(out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[]): { parent: JsonObject | Json[]; last: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`path ${tokens.join('/')} does not exist`);
  }
  if (!isObject(cur) && !Array.isArray(cur))
    throw new PatchError(`path ${tokens.join('/')} does not exist`);
  return { parent: cur, last: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: Json, path: string): Json {
  let cur: Json = doc;
  for (const t of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

export function jsonPatch(input: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  let doc = structuredClone(input);
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError('each JSON patch operation needs "op" and "path"');
    }
    const op = raw.op;
    const tokens = pointer(raw.path);
    const value = raw.value;
    if (op === 'test') {
      if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(value))
        throw new PatchError(`test failed at ${raw.path}`);
      continue;
    }
    if (op === 'copy' || op === 'move') {
      const from = String(raw.from ?? '');
      const moved = structuredClone(getAt(doc, from));
      if (moved === undefined) throw new PatchError(`path ${from} does not exist`);
      if (op === 'move') doc = jsonPatch(doc, [{ op: 'remove', path: from }]);
      doc = jsonPatch(doc, [{ op: 'add', path: raw.path, value: moved }]);
      continue;
    }
    if (tokens.length === 0) {
      if (op === 'remove') throw new PatchError('cannot remove the whole document');
      doc = structuredClone(value);
      continue;
    }
    const { parent, last } = parentOf(doc, tokens);
    if (Array.isArray(parent)) {
      const idx = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(idx) || idx < 0 || idx > parent.length)
        throw new PatchError(`index ${last} out of range`);
      if (op === 'add') parent.splice(idx, 0, structuredClone(value));
      else if (op === 'remove') parent.splice(idx, 1);
      else if (op === 'replace') parent[idx] = structuredClone(value);
      else throw new PatchError(`unknown JSON patch op "${op}"`);
    } else {
      if ((op === 'remove' || op === 'replace') && !(last in parent))
        throw new PatchError(`path ${raw.path} does not exist`);
      if (op === 'add' || op === 'replace') parent[last] = structuredClone(value);
      else if (op === 'remove') delete parent[last];
      else throw new PatchError(`unknown JSON patch op "${op}"`);
    }
  }
  return doc;
}
