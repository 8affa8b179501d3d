// The server's connection over stdio (lsp/stdio.ts): each message written whole, and the process ending as
// vscode-languageserver's own --stdio ends it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { OneWriteMessageWriter } from '../lsp/stdio.js';
import { SERVER } from './lsp-client.js';

/** A stream that records each write as it is given, and fails the writes after `failAfter` of them. */
function recorder(failAfter = Infinity) {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(Buffer.from(chunk));
      callback(writes.length > failAfter ? new Error('pipe closed') : null);
    },
  });
  return { stream, writes };
}

/** The messages in `bytes`, read by their Content-Length headers; throws on anything else. */
function framed(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    const header = bytes.subarray(at, end).toString('ascii');
    const length = /^Content-Length: (\d+)$/.exec(header);
    assert.ok(length, `a header: ${JSON.stringify(header)}`);
    const body = bytes.subarray(end + 4, end + 4 + Number(length[1]));
    assert.equal(body.length, Number(length[1]), 'the whole body follows its header');
    messages.push(JSON.parse(body.toString('utf8')));
    at = end + 4 + body.length;
  }
  return messages;
}

describe('one write per message over stdio', () => {
  test('a message is written whole, header and body in one write, its length counted in bytes', async () => {
    const { stream, writes } = recorder();
    const writer = new OneWriteMessageWriter(stream);
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///报告.md', diagnostics: [{ message: '第一项加第二项之和，不等于第三项加第四项之和 ✓' }] } };
    await writer.write(message as any);
    assert.equal(writes.length, 1);
    assert.deepEqual(framed(writes[0]!), [message]);
  });

  test('messages are written in the order they are given, each in a write of its own', async () => {
    const { stream, writes } = recorder();
    const writer = new OneWriteMessageWriter(stream);
    const messages = Array.from({ length: 20 }, (_, i) => ({ jsonrpc: '2.0', method: 'tally/status', params: { version: i, text: '条'.repeat(i) } }));
    await Promise.all(messages.map((m) => writer.write(m as any)));
    assert.equal(writes.length, messages.length);
    assert.deepEqual(writes.flatMap(framed), messages);
  });

  test('a failed write rejects and is reported with its message and count (the stream reports it too, as with the library\'s writer)', async () => {
    const { stream } = recorder(1);
    const writer = new OneWriteMessageWriter(stream);
    const errors: Array<[Error, unknown, number | undefined]> = [];
    writer.onError(([error, message, count]) => errors.push([error, message, count]));
    const ok = { jsonrpc: '2.0', method: 'a' };
    const lost = { jsonrpc: '2.0', method: 'b' };
    await writer.write(ok as any);
    await assert.rejects(writer.write(lost as any), /pipe closed/);
    assert.ok(errors.length > 0 && errors.every(([error]) => /pipe closed/.test(error.message)));
    assert.deepEqual(errors.filter(([, message]) => message !== undefined).map(([, message, count]) => [message, count]), [[lost, 1]]);
  });
});

/** Starts the built server over stdio, sends `messages`, closes its stdin; its exit code. */
function serverExit(messages: object[]): Promise<number | null> {
  const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const out: Buffer[] = [];
  server.stdout.on('data', (d: Buffer) => out.push(d));
  for (const m of messages) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { server.kill(); reject(new Error('the server did not end')); }, 20_000);
    // once the server has answered every request sent, the editor closes the pipe
    const expected = messages.filter((m) => 'id' in m).length;
    const answered = () => framed(Buffer.concat(out)).filter((m: any) => 'id' in m && !('method' in m)).length >= expected;
    const close = () => { if (answered()) server.stdin.end(); else setTimeout(close, 20); };
    close();
    server.on('exit', (code) => { clearTimeout(timer); resolve(code); });
  });
}

describe('the server over stdio ends as an editor expects', () => {
  const initialize = { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
  test('the editor closing stdin without a shutdown ends it in failure', async () => {
    assert.equal(await serverExit([initialize]), 1);
  });
  test('after a shutdown, closing stdin ends it cleanly', async () => {
    assert.equal(await serverExit([initialize, { id: 2, method: 'shutdown' }]), 0);
  });
  test('shutdown and exit end it cleanly', async () => {
    assert.equal(await serverExit([initialize, { id: 2, method: 'shutdown' }, { method: 'exit' }]), 0);
  });
});
