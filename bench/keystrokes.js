// Keystrokes in an open report, as the latency benches type them: a '，' typed before a '。' somewhere in the prose,
// then deleted, alternately; each timed from didChange to the publishDiagnostics of its version.
import { createRandom } from './gen.js';

export function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Types `edits` keystrokes into `uri` (open with `text`, the first edit being version `firstVersion`); the times in
 * ms, sorted, and the final text.
 */
export async function typeKeystrokes(client, uri, text, edits, seed, firstVersion = 2) {
  const rng = createRandom(seed);
  const times = [];
  let inserted = -1;
  for (let version = firstVersion; version < firstVersion + edits; version++) {
    let change;
    if (inserted >= 0) {
      // Delete the character typed by the previous edit.
      const start = positionOf(text, inserted);
      change = { range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' };
      text = text.slice(0, inserted) + text.slice(inserted + 1);
      inserted = -1;
    } else {
      let offset = text.indexOf('。', rng.int(0, text.length - 1));
      if (offset < 0) offset = text.indexOf('。');
      const at = positionOf(text, offset);
      change = { range: { start: at, end: at }, text: '，' };
      text = text.slice(0, offset) + '，' + text.slice(offset);
      inserted = offset;
    }
    const published = client.diagnostics(uri, version);
    const start = performance.now();
    await client.change(uri, version, [change]);
    await published;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { times, text };
}
