// The XML of a DOCX part as a stream of events with namespace-independent names ('w:p', 'wp:docPr' …), so the
// reader works whatever prefixes a producer chose, and for Transitional and Strict OOXML alike. sax never expands
// entities declared in a DTD; a DTD is refused outright anyway (Word never writes one), so entity expansion
// (billion laughs) and external entities cannot happen. Nothing is built as a tree: the reader keeps its own
// stacks, so deeply nested content cannot overflow the call stack.
import sax from 'sax';


/** Namespace URI → the prefix the reader uses for it. */
const PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
};

export class XmlRefused extends Error {
  constructor(readonly reason: 'doctype' | 'malformed', detail: string) {
    super(detail);
  }
}

export interface XmlHandler {
  /** An element opens; returning false skips it and everything inside it (its close is not reported either). */
  open(name: string, attr: (name: string) => string | undefined): boolean | void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Streams `xml` to `handler`; elements named in `skip` are skipped with their content. Throws XmlRefused. */
export function xmlEvents(xml: string, handler: XmlHandler, skip?: ReadonlySet<string>): void {
  // Namespaces are resolved here rather than by sax's xmlns mode, which costs more than the rest of the reading:
  // a scope is copied only on an element that declares namespaces (in practice the root alone).
  const parser = sax.parser(true, { position: false });
  let skipping = 0;
  const scopes: Array<Map<string, string>> = [new Map()];
  const names: string[] = [];
  const nameOf = (scope: Map<string, string>, qname: string, isAttribute: boolean): string => {
    const colon = qname.indexOf(':');
    if (colon < 0 && isAttribute) return qname;
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const uri = scope.get(prefix);
    if (!uri) return prefix === 'xml' ? `xml:${local}` : local;
    const known = PREFIXES[uri];
    return known ? `${known}:${local}` : `{${uri}}${local}`;
  };
  parser.ondoctype = () => {
    throw new XmlRefused('doctype', 'document type declaration');
  };
  parser.onerror = (e) => {
    throw new XmlRefused('malformed', e.message.split('\n')[0]);
  };
  parser.onopentag = (tag) => {
    if (skipping > 0) { skipping++; return; }
    const attributes = (tag as sax.Tag).attributes;
    let scope = scopes[scopes.length - 1];
    for (const key in attributes) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (scope === scopes[scopes.length - 1]) scope = new Map(scope);
        scope.set(key === 'xmlns' ? '' : key.slice(6), attributes[key]);
      }
    }
    const name = nameOf(scope, tag.name, false);
    if (skip?.has(name)) { skipping = 1; return; }
    scopes.push(scope);
    names.push(name);
    let attrs: Map<string, string> | undefined;
    const attr = (wanted: string): string | undefined => {
      if (!attrs) {
        attrs = new Map();
        for (const key in attributes) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
          attrs.set(nameOf(scope, key, true), attributes[key]);
        }
      }
      return attrs.get(wanted);
    };
    if (handler.open(name, attr) === false) {
      scopes.pop();
      names.pop();
      skipping = 1;
    }
  };
  parser.onclosetag = () => {
    if (skipping > 0) { skipping--; return; }
    scopes.pop();
    handler.close?.(names.pop() ?? '');
  };
  if (handler.text) {
    const text = handler.text;
    parser.ontext = (s) => { if (skipping === 0) text(s); };
    parser.oncdata = (s) => { if (skipping === 0) text(s); };
  }
  // A byte-order mark is not XML; sax would read it as text before the root element.
  parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
}

/** The text of a part's bytes: UTF-8 unless a byte-order mark says UTF-16. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
