export {
  fakeTokens,
  startFakeSlack,
  type FakeSlack,
  type RecordedCall,
  type ResponseUrlPost,
  type SlackFault,
} from './fake-slack.js';
export * from './payloads.js';
export * from './signed-request.js';
export { FakeSocketMode, type EnvelopeType, type SocketAck } from './socket-mode.js';
export {
  botId,
  botUserId,
  FakeWorkspace,
  type FakeEphemeral,
  type FakeFile,
  type FakeMessage,
} from './workspace.js';
