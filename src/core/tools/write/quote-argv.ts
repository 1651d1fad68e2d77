/** An argv shown the way a person would type it, for display only (nothing here is ever run by a shell). */
export function quoteArgv(argv: string[]): string {
  return argv
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
