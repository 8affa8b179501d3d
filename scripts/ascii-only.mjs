// A bundle's code in ASCII only. esbuild writes string and template literals in ASCII (its default charset) but
// leaves the other characters of regular expression literals as they are (/[一-龥]/), so one Chinese character in one
// pattern makes the whole file UTF-8 to decode, and V8 keeps the source as two bytes per character: twice the memory,
// and reading the CLI's bundle at each start took 7 ms instead of 1.
//
// Each UTF-16 code unit above 0x7F is written \uXXXX, which means the same code unit in a string, a template and a
// pattern with or without the u flag (where \uD83E\uDEA6, a pair, is one character, as the character itself is), and
// nothing at all in a comment. What changes is a pattern's `source` text and a template's raw text, neither of which
// the code reads for Chinese text. A character written after a backslash (an identity escape in a pattern, a needless
// escape in a string) is the character itself: the backslash goes with it. Two cases would not keep their meaning:
// a line or paragraph separator after a backslash (a line continuation in a string), on which this throws, and a
// character outside the Basic Multilingual Plane in a name, which is then a syntax error: scripts/bundle.mjs has
// Node check each bundle's syntax after this.

/** The code with every non-ASCII code unit escaped. */
export function asciiOnly(code, name = 'bundle') {
  let out = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x80) continue;
    let backslashes = 0;
    while (i - 1 - backslashes >= 0 && code.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    const escaped = backslashes % 2 === 1;
    if (escaped && (c === 0x2028 || c === 0x2029)) {
      throw new Error(`ascii-only: a line continuation in ${name}: ${JSON.stringify(code.slice(Math.max(0, i - 40), i + 10))}`);
    }
    out += code.slice(from, escaped ? i - 1 : i) + '\\u' + c.toString(16).padStart(4, '0');
    from = i + 1;
  }
  return from === 0 ? code : out + code.slice(from);
}
