// Long work shown in the editor (window/workDoneProgress): created only when the client advertises
// `window.workDoneProgress`, then `$/progress` begin, "n / total" reports at most every REPORT_MS, and end.
// The work goes on from its start: the progress joins it once the client has created the token. A request that
// brings its own `workDoneToken` (the client shows the progress itself) is reported on that token at once.
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node.js';
import { msg, type Message } from '../engine/message.js';
import { text, type Language } from './settings.js';

const REPORT_MS = 200;

export class Progress {
  /** With a token when the server created the progress: the client's cancel button sets it. */
  private reporter?: WorkDoneProgressReporter & { token?: CancellationToken };
  private read = 0;
  private total = 0;
  private ended = false;
  private reported = 0;

  constructor(connection: Connection, supported: boolean, title: Message, private readonly language: Language, workDoneToken?: string | number) {
    if (workDoneToken !== undefined) {
      this.reporter = connection.window.attachWorkDoneProgress(workDoneToken);
      this.reporter.begin(text(title, language), this.percentage(), this.message(), true);
      this.reported = performance.now();
      return;
    }
    if (!supported) return;
    connection.window.createWorkDoneProgress().then((reporter) => {
      this.reporter = reporter;
      reporter.begin(text(title, language), this.percentage(), this.message(), true);
      this.reported = performance.now();
      if (this.ended) reporter.done();
    }, () => undefined);
  }

  /** The client asked to cancel. */
  get cancelled(): boolean {
    return this.reporter?.token?.isCancellationRequested ?? false;
  }

  update(read: number, total: number): void {
    this.read = read;
    this.total = total;
    if (!this.reporter || this.ended) return;
    const now = performance.now();
    if (now - this.reported < REPORT_MS && read < total) return;
    this.reported = now;
    const message = this.message();
    if (message === undefined) this.reporter.report(this.percentage()); else this.reporter.report(this.percentage(), message);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.reporter?.done();
  }

  private percentage(): number {
    return this.total === 0 ? 0 : Math.floor((this.read * 100) / this.total);
  }

  /** None before the total is known (the files are being listed). */
  private message(): string | undefined {
    return this.total === 0 ? undefined : text(msg('scan.progress', { read: this.read, total: this.total }), this.language);
  }
}
