import type Anthropic from '@anthropic-ai/sdk';
import { Agent, type AgentOptions } from './agent.js';
import { createAnthropicClient, type AnthropicClientOptions } from './llm/anthropic-client.js';

export interface CreateAgentOptions extends Omit<AgentOptions, 'anthropic'> {
  /** A ready client; by default one is built from `config.anthropic` when it has an API key. */
  anthropic?: Anthropic;
  client?: AnthropicClientOptions;
}

/** The agent with its Messages API client from the config: AI answers on when a key is set. */
export function createAgent(options: CreateAgentOptions): Agent {
  const { client, anthropic, ...rest } = options;
  const sdk = anthropic ?? createAnthropicClient(options.config.anthropic, client);
  return new Agent(sdk ? { ...rest, anthropic: sdk } : rest);
}
