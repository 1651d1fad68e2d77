export {
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeAnthropicOptions,
} from './fake-anthropic.js';
export * from './script.js';
