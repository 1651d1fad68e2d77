// A tiny shell for `kubectl exec`: env, ls, cat, ps, hostname, date, echo, exit, sleep and
// `sh -c` scripts of those (with ;, && and ||), over a small per-container file tree.

export interface ShellContext {
  env: Array<[string, string]>;
  hostname: string;
  files: Record<string, string>;
  now: number;
  /** Command line of PID 1. */
  mainProcess: string;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Time the command would take (sleep); Infinity for `sleep infinity`. */
  durationMs: number;
  /** The binary itself does not exist (the runtime, not the shell, reports it). */
  notFound?: string;
}

const STANDARD_DIRS = [
  'bin',
  'dev',
  'etc',
  'home',
  'lib',
  'proc',
  'root',
  'run',
  'sbin',
  'sys',
  'tmp',
  'usr',
  'var',
];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** Splits a script into words, honouring quotes and $VAR expansion. */
function tokenize(script: string, vars: (name: string) => string): Array<string | { op: string }> {
  const out: Array<string | { op: string }> = [];
  let word: string | null = null;
  let i = 0;
  const push = (): void => {
    if (word !== null) out.push(word);
    word = null;
  };
  const expand = (): string => {
    const m = /^\$(\?|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(script.slice(i));
    if (!m) {
      i++;
      return '$';
    }
    i += m[0].length;
    return vars((m[1] ?? '').replace(/[{}]/g, ''));
  };
  while (i < script.length) {
    const ch = script[i] ?? '';
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? script.length : end + 1;
    } else if (ch === '"') {
      i++;
      word ??= '';
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '$') word += expand();
        else if (script[i] === '\\' && i + 1 < script.length) {
          word += script[i + 1];
          i += 2;
        } else word += script[i++];
      }
      i++;
    } else if (ch === '$') word = (word ?? '') + expand();
    else if (ch === '&' && script[i + 1] === '&') {
      push();
      out.push({ op: '&&' });
      i += 2;
    } else if (ch === '|' && script[i + 1] === '|') {
      push();
      out.push({ op: '||' });
      i += 2;
    } else if (ch === ';' || ch === '\n') {
      push();
      out.push({ op: ';' });
      i++;
    } else if (/\s/.test(ch)) {
      push();
      i++;
    } else if (ch === '\\' && i + 1 < script.length) {
      word = (word ?? '') + script[i + 1];
      i += 2;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  push();
  return out;
}

class Shell {
  stdout = '';
  stderr = '';
  duration = 0;
  exited: number | null = null;
  private readonly env: Map<string, string>;

  constructor(private readonly ctx: ShellContext) {
    this.env = new Map(ctx.env);
  }

  script(text: string): number {
    let status = 0;
    const tokens = tokenize(text, (name) =>
      name === '?' ? String(status) : (this.env.get(name) ?? ''),
    );
    let argv: string[] = [];
    let skip = false;
    const flush = (): void => {
      if (argv.length > 0 && !skip) status = this.command(argv, true);
      argv = [];
    };
    for (const t of tokens) {
      if (this.exited !== null) break;
      if (typeof t === 'string') argv.push(t);
      else {
        flush();
        skip = (t.op === '&&' && status !== 0) || (t.op === '||' && status === 0);
      }
    }
    flush();
    return this.exited ?? status;
  }

  command(argv: string[], inShell: boolean): number {
    const [cmd = '', ...args] = argv;
    const name = cmd.split('/').pop() ?? cmd;
    switch (name) {
      case 'sh':
      case 'bash':
      case 'ash': {
        const c = args.indexOf('-c');
        if (c >= 0) return this.script(args[c + 1] ?? '');
        return 0;
      }
      case 'env':
      case 'printenv':
        if (args.length > 0) {
          const v = this.env.get(args[0] ?? '');
          if (v === undefined) return 1;
          this.stdout += `${v}\n`;
          return 0;
        }
        for (const [k, v] of this.env) this.stdout += `${k}=${v}\n`;
        return 0;
      case 'echo': {
        const noNewline = args[0] === '-n';
        this.stdout += (noNewline ? args.slice(1) : args).join(' ') + (noNewline ? '' : '\n');
        return 0;
      }
      case 'exit': {
        const code = Number(args[0] ?? 0);
        this.exited = Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2;
        return this.exited;
      }
      case 'true':
      case ':':
      case 'cd':
        return 0;
      case 'false':
        return 1;
      case 'hostname':
        this.stdout += `${this.ctx.hostname}\n`;
        return 0;
      case 'pwd':
        this.stdout += '/\n';
        return 0;
      case 'whoami':
        this.stdout += 'root\n';
        return 0;
      case 'id':
        this.stdout += 'uid=0(root) gid=0(root) groups=0(root)\n';
        return 0;
      case 'uname':
        this.stdout += args.includes('-a')
          ? `Linux ${this.ctx.hostname} 6.8.0-sim #1 SMP x86_64 GNU/Linux\n`
          : 'Linux\n';
        return 0;
      case 'nproc':
        this.stdout += '2\n';
        return 0;
      case 'date': {
        const d = new Date(this.ctx.now);
        this.stdout += `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`;
        return 0;
      }
      case 'sleep': {
        const arg = args[0] ?? '0';
        this.duration +=
          arg === 'infinity' ? Number.POSITIVE_INFINITY : Number.parseFloat(arg) * 1000 || 0;
        return 0;
      }
      case 'ps':
        this.stdout +=
          `PID   USER     TIME  COMMAND\n    1 root      0:00 ${this.ctx.mainProcess}\n   ${40 + (this.stdout.length % 50)} root      0:00 ps ${args.join(' ')}`.trimEnd() +
          '\n';
        return 0;
      case 'cat':
        return this.cat(args);
      case 'ls':
        return this.ls(args);
      default:
        if (inShell) {
          this.stderr += `sh: ${cmd}: not found\n`;
          return 127;
        }
        return -1;
    }
  }

  private cat(args: string[]): number {
    let status = 0;
    for (const path of args) {
      const content = this.ctx.files[normalize(path)];
      if (content === undefined) {
        this.stderr += `cat: can't open '${path}': ${this.isDir(normalize(path)) ? 'Is a directory' : 'No such file or directory'}\n`;
        status = 1;
      } else this.stdout += content;
    }
    return status;
  }

  private isDir(path: string): boolean {
    if (path === '/') return true;
    if (STANDARD_DIRS.includes(path.slice(1))) return true;
    return Object.keys(this.ctx.files).some((f) => f.startsWith(`${path}/`));
  }

  private ls(args: string[]): number {
    const long = args.some((a) => a.startsWith('-') && a.includes('l'));
    const paths = args.filter((a) => !a.startsWith('-'));
    let status = 0;
    for (const raw of paths.length ? paths : ['/']) {
      const path = normalize(raw);
      if (this.ctx.files[path] !== undefined) {
        this.stdout += long
          ? `-rw-r--r--    1 root     root    ${String(this.ctx.files[path]?.length ?? 0).padStart(8)} ${raw}\n`
          : `${raw}\n`;
        continue;
      }
      if (!this.isDir(path)) {
        this.stderr += `ls: ${raw}: No such file or directory\n`;
        status = 1;
        continue;
      }
      const prefix = path === '/' ? '/' : `${path}/`;
      const entries = new Map<string, boolean>();
      if (path === '/') for (const d of STANDARD_DIRS) entries.set(d, true);
      for (const f of Object.keys(this.ctx.files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const [first = '', ...more] = rest.split('/');
        entries.set(first, more.length > 0 || entries.get(first) === true);
      }
      const names = [...entries.keys()].sort();
      if (paths.length > 1) this.stdout += `${raw}:\n`;
      for (const n of names) {
        const dir = entries.get(n);
        this.stdout += long
          ? `${dir ? 'drwxr-xr-x    2' : '-rw-r--r--    1'} root     root        4096 ${n}\n`
          : `${n}\n`;
      }
    }
    return status;
  }
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** Runs argv as the container runtime would (the binary directly, not through a shell). */
export function runCommand(argv: string[], ctx: ShellContext): ShellResult {
  const shell = new Shell(ctx);
  const code = shell.command(argv, false);
  if (code === -1) {
    return { stdout: '', stderr: '', exitCode: 127, durationMs: 0, notFound: argv[0] ?? '' };
  }
  return {
    stdout: shell.stdout,
    stderr: shell.stderr,
    exitCode: shell.exited ?? code,
    durationMs: shell.duration,
  };
}
