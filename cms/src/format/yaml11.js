// How pae reads and writes YAML: YAML 1.1 as PyYAML's SafeLoader resolves plain scalars
// (pae's reader, tools/pae/records/load.py), and which text must be quoted so that every
// YAML reader keeps it text.

import { parseDocument, isMap, isSeq, isScalar } from 'yaml';

// ---------------------------------------------------------------------------------------
// Schema: YAML 1.1 as PyYAML's SafeLoader resolves plain scalars, timestamps and
// sexagesimal numbers kept as strings (pae's loader does the same).

const PY = {
  bool_true: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  bool_false: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  int_dec: /^[-+]?(?:0|[1-9][0-9_]*)$/,
  float_exp: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9_]+[eE][-+][0-9]+)$/,
  float: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)$/,
};

function pyTags(tags) {
  const out = [];
  for (const t of tags) {
    const name = t.tag.replace('tag:yaml.org,2002:', '');
    if (name === 'timestamp' || name === 'merge') continue;
    if (t.format === 'TIME') continue; // 14:00 stays "14:00"
    if (name === 'bool') {
      out.push({ ...t, test: t.test.test('true') ? PY.bool_true : PY.bool_false });
    } else if (name === 'int' && !t.format) {
      out.push({ ...t, test: PY.int_dec });
    } else if (name === 'float' && t.format === 'EXP') {
      out.push({ ...t, test: PY.float_exp });
    } else if (name === 'float' && t.test && !t.test.test('.nan')) {
      out.push({ ...t, test: PY.float });
    } else {
      out.push(t);
    }
  }
  return out;
}

function keySource(node) {
  if (isScalar(node)) return node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : String(node.value);
  return node;
}

export const PARSE_OPTIONS = {
  version: '1.1',
  customTags: pyTags,
  merge: false,
  uniqueKeys: (a, b) => keySource(a) === keySource(b),
  prettyErrors: true,
  compat: 'core',
};

export const STRINGIFY_OPTIONS = {
  lineWidth: 0, // never fold
  minContentWidth: 0,
  flowCollectionPadding: false, // {a: 1}, [a, b] as in the dossiers
  indentSeq: true,
  singleQuote: false, // "…" when quotes are needed
  blockQuote: 'literal',
  directives: false,
};

/** Parse text into a yaml Document with pae's rules; throws a French error on failure. */
export function parsePae(text) {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length) {
    const msg = doc.errors.map((e) => e.message).join('\n');
    throw new Error(`YAML illisible :\n${msg}`);
  }
  // Keys stay as written: `yes:` is "yes", `1:` is "1".
  visitNodes(doc.contents, (node) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.type === 'PLAIN' && typeof pair.key.source === 'string') {
          pair.key.value = pair.key.source;
        }
      }
    }
  });
  return doc;
}

function visitNodes(node, fn) {
  if (!node) return;
  fn(node);
  if (isMap(node)) for (const p of node.items) visitNodes(p.value, fn);
  else if (isSeq(node)) for (const it of node.items) visitNodes(it, fn);
}

export function docToData(doc) {
  const data = doc.toJS({ maxAliasCount: 0 });
  return data === null || data === undefined ? {} : data;
}

// ---------------------------------------------------------------------------------------
// Scalar styles

const RE_SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/; // 14:00, 1:30:00
export const RE_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
const RE_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|nan|inf|~|=|<<)$/i;
const RE_NUMERICISH = /^[-+.(]?[0-9][0-9 ._\-/()+,:]*$/; // 06 12 34 56 78, 07-01, 2/3, 1.5, 0990

/** Does this text need quotes so that every YAML reader (1.1 and 1.2) keeps it text? */
export function isRiskyString(s, { dateOk = false } = {}) {
  if (s === '') return true;
  if (RE_TIMESTAMP.test(s)) return !dateOk;
  if (RE_SEXAGESIMAL.test(s)) return true;
  if (RE_WORDS.test(s)) return true;
  if (RE_NUMERICISH.test(s)) return true;
  if (/^[-+]?\.(?:inf|nan)$/i.test(s)) return true;
  return false;
}
