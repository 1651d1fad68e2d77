import type { CoreMessage } from '../../messages/core-message.js';
import type { CommandContext } from '../command-context.js';
import { closest } from './levenshtein.js';
import type { ArgsSpec, ParsedArgs } from './parse-args.js';

/** One direct command: its grammar, its help and what it does. */
export interface ChatCommand {
  name: string;
  /** One line for the `help` list. */
  summary: string;
  /** The synopsis, e.g. `pods [-n NS | -A] [-l SELECTOR] [--problems]`. */
  usage: string;
  args: ArgsSpec;
  /** Other words for it, as kubectl users type them (`deploy`, `svc`). */
  aliases?: string[];
  examples?: string[];
  /**
   * Receives the rest of the line unparsed (after the command word); used by `kubectl`, whose
   * arguments are checked by the execute_kubectl tool itself.
   */
  raw?: boolean;
  run(ctx: CommandContext, args: ParsedArgs): Promise<CoreMessage[]>;
}

/**
 * The direct commands the agent knows. Other modules register theirs here (`alerts`, `ack`,
 * `silence`, `forecast`, `recommend`), and `help` and typo suggestions see them at once.
 */
export class CommandTable {
  private readonly commands = new Map<string, ChatCommand>();
  private readonly aliases = new Map<string, ChatCommand>();

  register(command: ChatCommand): this {
    const name = command.name.toLowerCase();
    for (const word of [name, ...(command.aliases ?? [])]) {
      if (this.get(word)) throw new Error(`chat command "${word}" is registered twice`);
    }
    this.commands.set(name, command);
    for (const alias of command.aliases ?? []) this.aliases.set(alias.toLowerCase(), command);
    return this;
  }

  get(name: string): ChatCommand | undefined {
    const word = name.toLowerCase();
    return this.commands.get(word) ?? this.aliases.get(word);
  }

  list(): ChatCommand[] {
    return [...this.commands.values()];
  }

  names(): string[] {
    return [...this.commands.keys()];
  }

  /** Commands a mistyped word was probably meant to be. */
  suggest(word: string): string[] {
    return closest(word, this.names());
  }
}
