import Anthropic from '@anthropic-ai/sdk';
import type { Config } from '../../config/schema.js';

export interface AnthropicClientOptions {
  /** Attempts the SDK retries itself (429, 529, 5xx, timeouts) with back-off and retry-after. */
  maxRetries?: number;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
}

/**
 * The SDK client for the configured endpoint, or undefined when no API key is set (the agent
 * then answers with the offline intent router). `anthropic.baseUrl` (or ANTHROPIC_BASE_URL, which
 * the SDK reads itself) points it at a proxy or the test fake.
 */
export function createAnthropicClient(
  config: Config['anthropic'],
  options: AnthropicClientOptions = {},
): Anthropic | undefined {
  if (!config.apiKey) return undefined;
  return new Anthropic({
    apiKey: config.apiKey,
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs ?? 60_000,
  });
}
