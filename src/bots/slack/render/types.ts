import type { KnownBlock } from './block-kit.js';

/** A file that goes with a message: long output as text, charts as PNG. */
export interface RenderedFile {
  filename: string;
  title: string;
  content: string | Buffer;
  altText?: string;
}

/** One Slack message: the notification text, the blocks, and the files to upload after it. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
  files: RenderedFile[];
}

export interface RenderOptions {
  /**
   * False where nothing can be uploaded (ephemeral answers): long output is cut instead of
   * attached, and `cutHint` says how to get all of it.
   */
  allowFiles?: boolean;
  cutHint?: string;
}

/** What block renderers share while one message is rendered. */
export interface RenderContext {
  allowFiles: boolean;
  cutHint: string;
  files: RenderedFile[];
  /** The stem of attached file names (from the title). */
  fileStem: string;
}
