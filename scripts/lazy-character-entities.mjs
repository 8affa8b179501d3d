// An esbuild plugin for the bundles (scripts/bundle.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';

// micromark decodes a named character reference (&amp;) by decode-named-character-reference, which imports
// character-entities, an object of 2,200 names built when the bundle starts (1.7 ms of a one-file check): built
// here when the first such reference is decoded. The package's two lines are rewritten, each found exactly once.
export const lazyCharacterEntities = { name: 'lazy-character-entities', setup(b) {
  b.onLoad({ filter: /[\\/]decode-named-character-reference[\\/]index\.js$/ }, (args) => {
    let code = readFileSync(args.path, 'utf8');
    const rewrite = (from, to) => {
      const count = code.split(from).length - 1;
      if (count !== 1) throw new Error(`bundle: ${args.path} has ${JSON.stringify(from)} ${count} times, not once: check the rewrite`);
      code = code.replace(from, to);
    };
    rewrite("import {characterEntities} from 'character-entities'",
      "let table\nconst characterEntities = () => (table ??= require('character-entities').characterEntities)");
    rewrite('own.call(characterEntities, value) ? characterEntities[value] : false', 'own.call(characterEntities(), value) ? characterEntities()[value] : false');
    return { contents: code, loader: 'js', resolveDir: path.dirname(args.path) };
  });
} };

