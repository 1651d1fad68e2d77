// The whole Slack path with real parts: the sim cluster over HTTP, a SQLite store, the tool
// registry (kubectl too), the agent, the serve HTTP server with the bot mounted at
// /slack/events, and the real Bolt app talking to the fake Slack Web API.
import Anthropic from '@anthropic-ai/sdk';
import { join } from 'node:path';
import { createSlackBot, type SlackBot } from '../../../../src/bots/slack/index.js';
import { Agent } from '../../../../src/core/agent/agent.js';
import { configSchema, type Config, type ConfigInput } from '../../../../src/core/config/schema.js';
import { ProcessKubectlRunner } from '../../../../src/core/kubectl/runner.js';
import type { Database } from '../../../../src/core/store/database.js';
import { openStore } from '../../../../src/core/store/open-store.js';
import { allTools } from '../../../../src/core/tools/index.js';
import { createToolRegistry } from '../../../../src/core/tools/registry/create-tool-registry.js';
import type { ToolRegistry } from '../../../../src/core/tools/registry/tool-registry.js';
import { startHttpServer, type HttpServerHandle } from '../../../../src/server/http-server.js';
import {
  blockActionsRequest,
  eventRequest,
  fakeSigningSecret,
  fakeTokens,
  sendSignedRequest,
  slashCommandRequest,
  startFakeSlack,
  type FakeMessage,
  type FakeSlack,
  type SendOptions,
} from '../../../fakes/slack/index.js';
import type { SimTestCluster } from '../../../support/sim.js';

/** Slack users bound to roles in the fixture's config. */
export const slackUsers = {
  viewer: { id: 'U_VIEWER', name: 'vera' },
  operator: { id: 'U_OP', name: 'otto' },
  operator2: { id: 'U_OP2', name: 'olga' },
  admin: { id: 'U_ADMIN', name: 'ada' },
} as const;
export type SlackUserKey = keyof typeof slackUsers;

export const opsChannel = 'C_OPS';

export interface SlackFixtureOptions {
  mode?: 'http' | 'socket';
  anthropicUrl?: string;
  config?: Partial<ConfigInput>;
  notifierTimeoutMs?: number;
}

export interface SlackFixture {
  fake: FakeSlack;
  bot: SlackBot;
  agent: Agent;
  registry: ToolRegistry;
  db: Database;
  config: Config;
  http?: HttpServerHandle;
  /** `${http.url}/slack/events` in HTTP mode. */
  eventsUrl: string;
  /** `/k8s TEXT` by `who` in #ops; resolves with the HTTP answer (the ack) and the response_url. */
  slash(
    text: string,
    who?: SlackUserKey,
    options?: SendOptions & { channel?: string },
  ): Promise<{ status: number; body: string; responseUrlId: string }>;
  mention(
    text: string,
    who?: SlackUserKey,
    options?: { threadTs?: string; channel?: string },
  ): Promise<{ status: number; ts: string }>;
  /** Clicks a button of a stored message, as `who`. */
  click(
    message: FakeMessage,
    actionId: string,
    who?: SlackUserKey,
  ): Promise<{ status: number; responseUrlId: string }>;
  close(): Promise<void>;
}

export async function createSlackFixture(
  sim: SimTestCluster,
  dir: string,
  options: SlackFixtureOptions = {},
): Promise<SlackFixture> {
  const fake = await startFakeSlack();
  const mode = options.mode ?? 'http';
  const config = configSchema.parse({
    database: { path: join(dir, 'ai4k8s.db') },
    slack: {
      botToken: fakeTokens.bot,
      apiUrl: fake.apiUrl,
      ...(mode === 'http' ? { signingSecret: fakeSigningSecret } : { appToken: fakeTokens.app }),
    },
    roles: {
      defaultRole: 'viewer',
      users: Object.values(slackUsers)
        .filter((u) => u.id !== slackUsers.viewer.id)
        .map((u) => ({
          platform: 'slack',
          id: u.id,
          role: u.id === slackUsers.admin.id ? 'admin' : 'operator',
        })),
    },
    ...options.config,
  });
  const db = await openStore(config.database.path);
  const kubectl = new ProcessKubectlRunner({
    logger: sim.logger,
    timeoutSeconds: 20,
    maxOutputBytes: 1_000_000,
  });
  const registry = createToolRegistry({
    db,
    tools: allTools,
    clusters: sim.registry,
    logger: sim.logger,
    config,
    services: { kubectl },
  });
  const anthropic = options.anthropicUrl
    ? new Anthropic({
        apiKey: 'sk-ant-test',
        baseURL: options.anthropicUrl,
        maxRetries: 0,
        timeout: 5_000,
      })
    : undefined;
  const agent = new Agent({
    config,
    tools: registry,
    approvals: registry.approvals,
    clusters: sim.registry,
    db,
    logger: sim.logger,
    ...(anthropic ? { anthropic } : {}),
    llm: { retryDelayMs: 5 },
  });
  const bot = createSlackBot({
    config,
    agent,
    logger: sim.logger,
    ...(options.notifierTimeoutMs ? { notifierTimeoutMs: options.notifierTimeoutMs } : {}),
  });
  let http: HttpServerHandle | undefined;
  if (bot.router) {
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger: sim.logger, probes: [] });
    http.mount('/slack/events', bot.router);
  }
  await bot.start();
  const eventsUrl = http ? `${http.url}/slack/events` : '';

  return {
    fake,
    bot,
    agent,
    registry,
    db,
    config,
    ...(http ? { http } : {}),
    eventsUrl,
    async slash(text, who = 'operator', opts = {}) {
      const { channel = opsChannel, ...send } = opts;
      const responseUrl = fake.responseUrl(channel);
      const user = slackUsers[who];
      const response = await sendSignedRequest(
        eventsUrl,
        slashCommandRequest({
          text,
          userId: user.id,
          userName: user.name,
          channelId: channel,
          responseUrl,
        }),
        send,
      );
      return {
        status: response.status,
        body: await response.text(),
        responseUrlId: responseUrl.split('/').pop() as string,
      };
    },
    async mention(text, who = 'operator', opts = {}) {
      const ts = fake.workspace.nextTs();
      const user = slackUsers[who];
      const request = eventRequest({
        text: `<@U_BOT> ${text}`,
        userId: user.id,
        channelId: opts.channel ?? opsChannel,
        ts,
        ...(opts.threadTs ? { threadTs: opts.threadTs } : {}),
      });
      const response = await sendSignedRequest(eventsUrl, request);
      return { status: response.status, ts };
    },
    async click(message, actionId, who = 'operator') {
      const user = slackUsers[who];
      const button = (message.blocks ?? [])
        .flatMap((b) =>
          (b as { type: string }).type === 'actions'
            ? (b as { elements: Array<{ action_id: string; value: string }> }).elements
            : [],
        )
        .find((e) => e.action_id === actionId);
      if (!button) throw new Error(`message ${message.ts} has no ${actionId} button`);
      const responseUrl = fake.responseUrl(message.channel, message.ts);
      const request = blockActionsRequest({
        actionId,
        value: button.value,
        userId: user.id,
        userName: user.name,
        channelId: message.channel,
        message: {
          ts: message.ts,
          ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
          ...(message.text ? { text: message.text } : {}),
          blocks: message.blocks ?? [],
        },
        responseUrl,
      });
      const response = await sendSignedRequest(eventsUrl, request);
      return { status: response.status, responseUrlId: responseUrl.split('/').pop() as string };
    },
    async close() {
      await bot.stop();
      await http?.close();
      await fake.stop();
      await kubectl.close();
      await db.close();
    },
  };
}

/** Every text of a message's blocks, joined (what a reader would see, entities still escaped). */
export function blocksText(blocks: unknown[] | undefined): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      else if (o.text) walk(o.text);
      for (const k of ['elements', 'fields', 'blocks']) if (o[k]) walk(o[k]);
    }
  };
  walk(blocks ?? []);
  return out.join('\n');
}
