import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Agent } from '../core/agent/agent.js';
import type { Config } from '../core/config/schema.js';
import { createLogger, type Logger } from '../core/log/logger.js';
import { renderPlainText } from '../core/messages/render-plain-text.js';
import type { CoreMessage } from '../core/messages/core-message.js';
import { buildAgent } from '../app/build-agent.js';
import { buildServices } from '../app/build-services.js';
import { configFromCommand, fail } from './context.js';

export interface ChatTerminal {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface ChatCommandDeps {
  /** Builds the agent over the configured clusters; by default from `buildServices`. */
  openAgent?: (config: Config, logger: Logger) => Promise<{ agent: Agent; close(): Promise<void> }>;
  terminal?: ChatTerminal;
  /** The terminal user's name; by default the OS user. */
  userName?: () => string;
  /** Where the process exit code goes; by default `process.exitCode`. */
  setExitCode?: (code: number) => void;
}

/**
 * `ai4k8s chat [--cluster NAME] "question"`: the same core as the chat platforms, from a
 * terminal. The terminal user holds the kubeconfig, so their role is `cli.role` and they may
 * approve their own request, with a y/N prompt when standard input is a terminal.
 */
export function registerChatCommand(program: Command, deps: ChatCommandDeps = {}): void {
  program
    .command('chat')
    .description(
      'ask a question or run a chat command (`pods --problems`, `logs web-1`) from the terminal',
    )
    .argument('<words...>', 'the question or command; quote it or not')
    .option('--cluster <name>', 'the cluster to use (default: the first configured)')
    // Chat flags (`pods -n shop`, `exec POD -- env`) belong to the line, not to this command.
    .allowUnknownOption(true)
    .action(async (words: string[], opts: { cluster?: string }, command: Command) => {
      const config = configFromCommand(command);
      // The answer is what the terminal user reads; routine info lines would bury it.
      const logger = createLogger({
        level: config.log.level === 'info' ? 'warn' : config.log.level,
      });
      const terminal = deps.terminal ?? {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      };
      const setExitCode = deps.setExitCode ?? ((code: number) => (process.exitCode = code));
      const { agent, close } = await (deps.openAgent ?? openAgent)(config, logger).catch(
        (error: Error) => fail(`cannot start: ${error.message}`),
      );
      try {
        const code = await chat(agent, {
          text: lineFrom(command, words),
          cluster: opts.cluster,
          terminal,
          user: (deps.userName ?? osUser)(),
        });
        setExitCode(code);
      } finally {
        await close();
      }
    });
}

/** One exchange: the answer on stdout; each approval card decided at a prompt, or left pending. */
export async function chat(
  agent: Agent,
  p: { text: string; cluster?: string; terminal: ChatTerminal; user: string },
): Promise<number> {
  const { terminal, user } = p;
  const messages = await agent.handle({
    platform: 'cli',
    channelId: 'terminal',
    // One conversation per run: a one-shot command should not inherit an earlier run's memory.
    threadId: `run-${Date.now().toString(36)}-${process.pid}`,
    userId: user,
    userName: user,
    text: p.text,
    ...(p.cluster ? { cluster: p.cluster } : {}),
  });
  print(terminal, messages);
  let code = messages.at(-1)?.severity === 'error' ? 1 : 0;
  for (const card of messages.filter((m) => m.approvalId)) {
    const id = card.approvalId as string;
    if (!terminal.stdin.isTTY) {
      terminal.stderr.write(
        `\nNot run: approval request ${id} is waiting. Standard input is not a terminal, so it cannot be approved here; ` +
          'approve it with the button in chat or on the dashboard.\n',
      );
      continue;
    }
    const yes = await ask(terminal, `\nRun this now (approve ${id} yourself)? [y/N] `);
    const result = await agent.decide({
      approvalId: id,
      decision: yes ? 'approve' : 'deny',
      user: { platform: 'cli', userId: user, userName: user },
    });
    print(terminal, result.messages);
    if (!result.decided || result.messages.some((m) => m.severity === 'error')) code = 1;
  }
  return code;
}

/**
 * The chat line as typed: Commander drops `--` (which `exec POD -- CMD` needs), so the words are
 * taken from the raw arguments after `chat`, minus `--cluster`, and re-quoted for the agent's
 * shell-like splitting. One quoted argument is the line itself.
 */
export function lineFrom(command: Command, parsed: string[]): string {
  // `rawArgs` is set by Commander on every parse but is missing from its type declarations.
  const raw = (command.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const at = raw.indexOf(command.name());
  const after = at < 0 ? parsed : raw.slice(at + 1);
  const words: string[] = [];
  let dashdash = false;
  for (let i = 0; i < after.length; i++) {
    const word = after[i] as string;
    if (!dashdash && word === '--cluster') {
      i++;
      continue;
    }
    if (!dashdash && word.startsWith('--cluster=')) continue;
    if (word === '--') dashdash = true;
    words.push(word);
  }
  if (words.length === 1) return words[0] as string;
  return words
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

function print(terminal: ChatTerminal, messages: CoreMessage[]): void {
  for (const m of messages) terminal.stdout.write(`${renderPlainText(m)}\n\n`);
}

async function ask(terminal: ChatTerminal, question: string): Promise<boolean> {
  const rl = createInterface({ input: terminal.stdin, output: terminal.stderr, terminal: false });
  // End of input (Ctrl-D) before an answer means no, like an empty answer.
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([rl.question(question), closed]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function osUser(): string {
  return userInfo().username;
}

async function openAgent(
  config: Config,
  logger: Logger,
): Promise<{ agent: Agent; close(): Promise<void> }> {
  const services = await buildServices({ config, logger });
  const agent = buildAgent(services);
  return { agent, close: () => services.close() };
}
