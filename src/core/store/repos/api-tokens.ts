import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../database.js';

export type ApiTokenRole = 'viewer' | 'operator' | 'admin';

/** A bearer token as listed: never the token itself, only what it is for. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  role: ApiTokenRole;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

interface ApiTokenRow {
  id: string;
  name: string;
  role: ApiTokenRole;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Prefix that makes a leaked token recognisable to secret scanners and to people. */
export const apiTokenPrefix = 'a4k_';

/** 32 random bytes: guessing is hopeless, so a fast hash (SHA-256) is the right store. */
export function newApiToken(): string {
  return `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const lastUsedPrecisionMs = 60_000;

/** Names are typed on the command line and appear in caller ids (`mcp-token:NAME`). */
export const apiTokenNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The `api_tokens` table: bearer tokens for MCP over HTTP, stored only as SHA-256 hashes. */
export class ApiTokensRepo {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a new token's hash and returns the token in clear, the only time it is ever seen. */
  async create(
    name: string,
    role: ApiTokenRole,
  ): Promise<{ token: string; record: ApiTokenRecord }> {
    const token = newApiToken();
    const record: ApiTokenRecord = { id: randomUUID(), name, role, createdAt: this.now() };
    await this.db.run(
      'INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      [record.id, name, role, hashApiToken(token), record.createdAt],
    );
    return { token, record };
  }

  async findByName(name: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.db.get<ApiTokenRow>('SELECT * FROM api_tokens WHERE name = ?', [name]);
    return row && fromRow(row);
  }

  /** Oldest first. */
  async list(): Promise<ApiTokenRecord[]> {
    const rows = await this.db.all<ApiTokenRow>(
      'SELECT * FROM api_tokens ORDER BY created_at, name',
    );
    return rows.map(fromRow);
  }

  /** Revokes by name; false when there is no such token or it was already revoked. */
  async revoke(name: string): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL',
      [this.now(), name],
    );
    return changes === 1;
  }

  /** The unrevoked token that `token` is, with its last use recorded; undefined otherwise. */
  async authenticate(token: string): Promise<ApiTokenRecord | undefined> {
    if (!token.startsWith(apiTokenPrefix)) return undefined;
    const row = await this.db.get<ApiTokenRow>(
      'SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
      [hashApiToken(token)],
    );
    if (!row) return undefined;
    const now = this.now();
    // A busy client would otherwise write a row per request; a minute's precision is enough.
    if (row.last_used_at !== null && now - row.last_used_at < lastUsedPrecisionMs)
      return fromRow(row);
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, row.id]);
    return { ...fromRow(row), lastUsedAt: now };
  }
}

function fromRow(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}
