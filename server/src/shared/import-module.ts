// import() of a module found at run time (pdfjs-dist by its file URL, a Node module loaded only when needed), as the
// CLI's bin runs its bundle: out/cli.js (server/src/cli-loader.ts) compiles the bundle with vm.Script, where import()
// would need an experimental API, and hands its own import() over under this symbol. Elsewhere, import() itself.
const given = (globalThis as Record<symbol, unknown>)[Symbol.for('tally.importModule')] as ((specifier: string) => Promise<unknown>) | undefined;

export function importModule<T>(specifier: string): Promise<T> {
  return (given ? given(specifier) : import(specifier)) as Promise<T>;
}
