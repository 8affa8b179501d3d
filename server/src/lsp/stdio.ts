// The language server's connection over stdio (`--stdio`, how editors other than VS Code start it): as
// vscode-languageserver makes it, but each message is written in one piece. The library's stream writer writes a
// message's header and its body as two writes, one after the other's callback; on a pipe each write wakes the editor,
// which reads a header without its body, and on a busy machine the body then waited for the server's next turn
// (measured: a keystroke's diagnostics 2–5 ms late in about one keystroke in ten, on 2 shared cores). Every other
// transport is the library's own.
import { format } from 'node:util';
import {
  AbstractMessageWriter, createConnection, ProposedFeatures, StreamMessageReader,
  type Connection, type DataCallback, type Disposable, type Message, type MessageWriter,
} from 'vscode-languageserver/node.js';

/** Reads messages from a stream, noting whether the editor asked the server to shut down. */
class StdinReader extends StreamMessageReader {
  shutdownAsked = false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if ((message as { method?: unknown }).method === 'shutdown') this.shutdownAsked = true;
      callback(message);
    });
  }
}

/** Writes each message, header and body, with one write to `out`, in the order they are given. */
export class OneWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const bytes = Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    return new Promise((resolve, reject) => {
      this.out.write(bytes, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errors);
        reject(error);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}

/**
 * The server's connection: over stdin and stdout with one write per message when `argv` asks for `--stdio`, else as
 * vscode-languageserver reads `argv` (`--node-ipc`, `--socket=`, `--pipe=`).
 */
export function serverConnection(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StdinReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new OneWriteMessageWriter(process.stdout));
  // What the library does for its own --stdio. The editor closing stdin ends the server, in failure unless it asked
  // for a shutdown first (an exit notification ends it through the library). And stdout is the protocol, so a
  // library's console output goes to the editor's log instead.
  const ended = () => process.exit(reader.shutdownAsked ? 0 : 1);
  process.stdin.on('end', ended);
  process.stdin.on('close', ended);
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = console.trace = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
