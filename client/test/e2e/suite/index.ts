// Entry point of the end-to-end suite (the `run()` contract of @vscode/test-electron): VS Code's extension host
// loads it from extensionTestsPath and waits for the promise. The suite files sit beside it as *.test.cjs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // read by run-tests.cjs, which prints "e2e: N passed, M failed" as its last line
      console.log(`TALLY-E2E-RESULT ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
  });
}
