// Standard output of the CLI. Node makes process.stdout a stream on first use (for a pipe, its net module and
// streams: a few milliseconds of a one-file check); where standard output is no terminal (a pipe, a file, as in a
// pre-commit hook or CI) the CLI writes to it directly, and colours, which only a terminal or a request turns on,
// are loaded only where they may be. What is written, and when colours are on, are as picocolors and the stream
// would have them.
import { fstatSync, writeSync } from 'node:fs';

/** The colours the text report uses. */
export type Colors = Pick<typeof import('picocolors'), 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold'>;

/** A terminal is a character device (so is /dev/null, which the stream then serves); unknown: the stream. */
function characterDevice(fd: number): boolean {
  try { return fstatSync(fd).isCharacterDevice(); } catch { return true; }
}

let direct: boolean | undefined;
/** Set when the reader of standard output went away: the rest of the output is dropped. */
let closed = false;
function writesDirectly(): boolean {
  direct ??= !characterDevice(1);
  return direct;
}

/** Whether standard output is a terminal (hyperlinks in the text report). */
export function stdoutIsTerminal(): boolean {
  return !writesDirectly() && process.stdout.isTTY === true;
}

/** Writes `text` to standard output: directly where it is no terminal, else through Node's stream. */
export function writeStdout(text: string): void {
  if (text === '' || closed) return;
  if (!writesDirectly()) { process.stdout.write(text); return; }
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a reader that has gone (`| head`): nothing more can be written, and that is no error of the check
      if (code === 'EPIPE') { closed = true; return; }
      // a pipe its reader made non-blocking: the rest through Node's stream, which waits for it
      if (code === 'EAGAIN') { direct = false; process.stdout.write(bytes.subarray(at)); return; }
      throw e;
    }
  }
}

const plain = (s: string | number | null | undefined) => String(s);
export const PLAIN: Colors = { red: plain, yellow: plain, blue: plain, green: plain, dim: plain, bold: plain };

/**
 * picocolors, where it may turn colours on (it reads NO_COLOR, FORCE_COLOR, --color, --no-color, CI, TERM and
 * whether process.stdout is a terminal when loaded); else no colours, as picocolors would decide for a pipe or file.
 */
export async function loadColors(): Promise<Colors> {
  const env = process.env;
  if (env.NO_COLOR || process.argv.includes('--no-color')) return PLAIN;
  const asked = Boolean(env.FORCE_COLOR) || process.argv.includes('--color') || process.platform === 'win32' || Boolean(env.CI);
  if (!asked && writesDirectly()) return PLAIN;
  return (await import('picocolors')).default;
}
