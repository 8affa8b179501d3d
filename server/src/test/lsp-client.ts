// A minimal editor for protocol tests and benchmarks: spawns the built server over stdio and speaks LSP.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

export const SERVER = fileURLToPath(new URL('../server.js', import.meta.url));

export interface Published { uri: string; version?: number; diagnostics: Array<Record<string, any>> }

export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private waiters: Array<{ method: string; test: (p: any) => boolean; resolve: (p: any) => void }> = [];
  readonly received: Array<{ method: string; params: any }> = [];

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    const deliver = (method: string) => (params: any) => {
      this.received.push({ method, params });
      this.waiters = this.waiters.filter((w) => {
        if (w.method !== method || !w.test(params)) return true;
        w.resolve(params);
        return false;
      });
    };
    this.connection.onNotification('textDocument/publishDiagnostics', deliver('textDocument/publishDiagnostics'));
    this.connection.onNotification('tally/status', deliver('tally/status'));
    this.connection.onNotification('window/logMessage', deliver('window/logMessage'));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** The next notification of `method` that passes `test` (arriving after this call). */
  next<T = any>(method: string, test: (p: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve) => this.waiters.push({ method, test, resolve }));
  }

  diagnostics(uri: string, version?: number): Promise<Published> {
    return this.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && (version === undefined || p.version === version));
  }

  async initialize(initializationOptions: object = { locale: 'zh-CN', debounceMs: 0 }, capabilities: object = {}, rootUri: string | null = null): Promise<any> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /**
   * `initialize` for a workspace of one folder (a path), without `initialized`: the caller sends that once it listens
   * for what the server publishes after it.
   */
  initializeFolder(folder: string, initializationOptions: object): Promise<any> {
    const uri = pathToFileURL(folder).href;
    return this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }], capabilities: {}, initializationOptions,
    });
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: object[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  request<T = any>(method: string, params: object): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch { /* the server may already be gone */ }
    this.connection.dispose();
    this.process.kill();
  }
}
