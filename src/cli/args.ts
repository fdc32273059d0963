import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

/**
 * A small, shared command-line flag parser over `node:util` `parseArgs`: one table of flags
 * gives both the parsing and the `--help` text, and mistakes become `UserError`s that say
 * how to get help.
 */

/** One flag of a command. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Shown in `--help`, e.g. `DIR` for `--data DIR`. Strings only. */
  readonly valueName?: string;
  readonly description: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** Parsed values: strings for string flags, booleans for boolean flags, undefined when absent. */
export type FlagValues<S extends FlagSpecs> = {
  readonly [K in keyof S]: (S[K]['type'] extends 'string' ? string : boolean) | undefined;
};

export interface ParsedFlags<S extends FlagSpecs> {
  readonly values: FlagValues<S>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` (without `node` and the script) against `specs`. Unknown flags, missing
 * values and (unless `allowPositionals`) stray arguments throw a `UserError` naming the
 * problem and `--help`.
 */
export function parseFlags<S extends FlagSpecs>(
  argv: readonly string[],
  specs: S,
  { allowPositionals = false, command = 'this command' } = {},
): ParsedFlags<S> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] =
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals,
      strict: true,
    });
    return { values: values as FlagValues<S>, positionals };
  } catch (error) {
    // parseArgs signals user mistakes with ERR_PARSE_ARGS_* codes; anything else is a bug.
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UserError(`${(error as Error).message}\nRun ${command} --help to see the options.`);
    }
    throw error;
  }
}

/** The `--help` text: usage line(s), then one aligned line per flag. */
export function formatHelp(usage: string, specs: FlagSpecs, footer?: string): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return [`  ${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [usage, '', 'Options:', ...rows.map(([left, right]) => left.padEnd(width) + right)];
  if (footer !== undefined) lines.push('', footer);
  return lines.join('\n');
}
