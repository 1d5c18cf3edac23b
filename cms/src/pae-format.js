// pae-format.js — a Decap CMS custom format for pae's hand-edited YAML dossiers.
//
// Decap's stock `yml` format re-serialises the whole file on every save: comments go,
// keys are re-ordered, "14:00" loses its quotes (a YAML 1.1 reader then sees 840),
// flow lists become block lists and long strings are folded. This format instead
//
//   * reads a file with YAML 1.1 rules as PyYAML reads them (pae's reader), except that
//     dates, times and other sexagesimal values stay text (as pae's loader keeps them),
//     map keys stay the text written (`yes:` is the key "yes", not true);
//   * remembers the original text and Document of every file it parsed, keyed by the
//     dossier identifier (`id`, `uai`…): Decap's toFile(data) is given the new data only;
//   * on save, splices the original text: only the nodes whose value changed are
//     rewritten, list items and keys are inserted or removed line by line, everything
//     else (comments, blank lines, quoting, flow style, key order) is left byte-identical;
//   * writes risky scalars quoted (times, yes/no/on/off/true/false/null, numeric-looking
//     text such as phone numbers, date-looking text that is not a date field…), keeps the
//     flow style of a list's siblings for new items, never folds lines;
//   * re-reads what it wrote and refuses to save (throws) if that would not give back
//     exactly the data Decap handed over.
//
// Usable as an ES module (Node tests, bundlers) and, bundled by esbuild together with
// the `yaml` package, as one classic script exposing `window.PaeFormat` (see build.mjs).

import { hintsFromSchema } from './format/hints.js';
import { patchText } from './format/patch.js';
import { renderNew } from './format/render.js';
import { countLeaves, deepEqual, isObj, pruneEmpty, structuredCloneSafe } from './format/values.js';
import { docToData, parsePae } from './format/yaml11.js';

export { hintsFromSchema } from './format/hints.js';
export { patchText } from './format/patch.js';
export { renderNew } from './format/render.js';
export { deepEqual, pruneEmpty } from './format/values.js';
export { isRiskyString, parsePae } from './format/yaml11.js';

function summarize(v) {
  const s = JSON.stringify(v);
  return s && s.length > 200 ? s.slice(0, 200) + '…' : s;
}

// ---------------------------------------------------------------------------------------
// The Decap format

/**
 * createPaeFormat({keyFields, schema, datePaths, flowPaths, order, header, cacheSize})
 *   keyFields: data fields that identify a file (default ['id', 'uai']);
 *   schema: the JSON Schema of the collection (dates and key order are taken from it);
 *   datePaths / flowPaths / order: extra hints ("suivi.assiduite.*" = its items are flow maps);
 *   header: comment lines written at the top of a new file.
 * Returns {fromFile, toFile, cache, lastReport}.
 */
export function createPaeFormat(options = {}) {
  const keyFields = options.keyFields || ['id', 'uai'];
  const fromSchema = options.schema ? hintsFromSchema(options.schema) : { datePaths: [], order: {} };
  const hints = {
    datePaths: [...fromSchema.datePaths, ...(options.datePaths || [])],
    order: { ...fromSchema.order, ...(options.order || {}) },
    flowPaths: options.flowPaths || [],
    header: options.header || null,
  };
  const cacheSize = options.cacheSize || 4;
  const maxChangeRatio = options.maxChangeRatio ?? 0.2;
  const cache = new Map(); // key -> [{text, doc, data}] most recent first
  const state = { last: null };

  const keyOf = (data) => {
    if (!isObj(data)) return null;
    for (const f of keyFields) if (data[f] !== undefined && data[f] !== null && data[f] !== '') return `${f}=${data[f]}`;
    return '*'; // no identifier (a single-file collection such as parametres.yaml)
  };

  function remember(text, doc, data) {
    const k = keyOf(data);
    if (!k) return;
    const list = (cache.get(k) || []).filter((e) => e.text !== text);
    list.unshift({ text, doc, data });
    cache.set(k, list.slice(0, k === '*' ? cacheSize * 4 : cacheSize));
  }

  function fromFile(content) {
    if (typeof content !== 'string') return content && typeof content === 'object' ? content : {};
    const doc = parsePae(content);
    const data = docToData(doc);
    remember(content, doc, data);
    return structuredCloneSafe(data);
  }

  function diffScore(a, b) {
    if (deepEqual(a, b)) return 0;
    if (isObj(a) && isObj(b)) {
      let s = 0;
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) s += diffScore(a[k], b[k]);
      return s;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      let s = Math.abs(a.length - b.length);
      for (let i = 0; i < Math.min(a.length, b.length); i++) s += diffScore(a[i], b[i]);
      return s;
    }
    return 1;
  }

  /** The cached version closest to `data`: same identifier first, else any close enough. */
  function closest(k, data) {
    let best = null;
    let bestScore = Infinity;
    const pick = (candidates) => {
      for (const c of candidates) {
        const s = diffScore(c.data, data);
        if (s < bestScore) {
          best = c;
          bestScore = s;
        }
      }
    };
    pick(cache.get(k) || []);
    if (!best) {
      // identifier changed (or a duplicated entry): the closest file read, if close enough
      pick([...cache.values()].flat());
      if (best && bestScore > maxChangeRatio * countLeaves(data)) best = null;
    }
    return best;
  }

  function toFile(data, sortedKeys = []) {
    const k = keyOf(data);
    const best = closest(k, data);
    if (!best && keyFields.length && k === '*') {
      // Decap shows an empty form when a file could not be read: saving it would replace
      // the file with nothing but what was typed.
      throw new Error("pae-format : enregistrement refusé, le fichier d'origine n'a pas pu être lu");
    }
    const target = pruneEmpty(data, best ? best.data : undefined);
    let text = null;
    let mode = 'patch';
    if (best) {
      try {
        text = patchText(best.text, best.doc, target, hints);
      } catch (e) {
        console.warn('pae-format : modification en place impossible, réécriture complète', e);
      }
      if (text !== null && !verify(text, target)) {
        console.warn('pae-format : le texte modifié ne redonne pas les données, réécriture complète');
        text = null;
      }
    }
    if (text === null) {
      mode = best ? 'rewrite' : 'new';
      text = best ? rewriteKeepingHeader(best.text, target, hints, sortedKeys) : renderNew(target, hints, sortedKeys);
      if (!verify(text, target)) {
        throw new Error(`pae-format : enregistrement refusé, le YAML produit ne redonne pas les données saisies (${summarize(target)})`);
      }
    }
    state.last = { key: k, mode, base: best ? best.text : null };
    return text;
  }

  function verify(text, target) {
    try {
      return deepEqual(docToData(parsePae(text)), target);
    } catch (e) {
      return false;
    }
  }

  return {
    fromFile,
    toFile,
    cache,
    hints,
    get lastReport() {
      return state.last;
    },
  };
}




/** Register one Decap format per collection kind: CMS.registerCustomFormat(name, 'yaml', …). */
export function registerPaeFormat(CMS, name, options = {}) {
  const fmt = createPaeFormat(options);
  CMS.registerCustomFormat(name, options.extension || 'yaml', fmt);
  return fmt;
}

function rewriteKeepingHeader(originalText, data, hints, sortedKeys) {
  const header = [];
  for (const line of originalText.split('\n')) {
    if (/^#/.test(line)) header.push(line);
    else break;
  }
  const body = renderNew(data, { ...hints, header: null }, sortedKeys);
  return (header.length ? header.join('\n') + '\n' : '') + body;
}
