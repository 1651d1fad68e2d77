import type { types } from '@slack/bolt';

// Block Kit types, from the @slack/types that Bolt re-exports (no extra dependency).
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type SlackButton = types.Button;
export type MessageMetadata = types.MessageMetadata;
