// Rendering new nodes with the yaml stringifier, in the records' style.

import { Document, Scalar, YAMLMap, YAMLSeq, Pair, isMap, isSeq, isScalar } from 'yaml';

import { matchPath, normPath } from './hints.js';
import { isObj, isScalarValue } from './values.js';
import { PARSE_OPTIONS, STRINGIFY_OPTIONS, RE_TIMESTAMP, isRiskyString } from './yaml11.js';

// ---------------------------------------------------------------------------------------
// Rendering new nodes with the yaml stringifier

export class Renderer {
  constructor(hints) {
    this.hints = hints;
  }

  isDatePath(path, siblingNode) {
    const p = normPath(path);
    if ((this.hints.datePaths || []).some((pat) => matchPath(pat, p.split('.')))) return true;
    // Without a schema: follow what the file already does at that place.
    return !!(siblingNode && isScalar(siblingNode) && siblingNode.type === 'PLAIN' && typeof siblingNode.value === 'string' && RE_TIMESTAMP.test(siblingNode.value));
  }

  isFlowPath(path) {
    const p = normPath(path).split('.');
    return (this.hints.flowPaths || []).some((pat) => matchPath(pat, p));
  }

  orderFor(path) {
    const p = normPath(path);
    return (this.hints.order && this.hints.order[p]) || null;
  }

  sortKeys(obj, path) {
    const order = this.orderFor(path);
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (!order) return keys;
    const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length + keys.indexOf(k));
    return keys.sort((a, b) => rank(a) - rank(b));
  }

  /**
   * Build a yaml node for a value.
   * ctx.flow: inside a flow collection; ctx.style: an original/sibling node whose style
   * to follow; ctx.siblingOf: (key) => sibling scalar node for date detection.
   */
  node(value, path, ctx = {}) {
    const { flow = false, style = null } = ctx;
    if (Array.isArray(value)) {
      const seq = new YAMLSeq();
      let isFlow = flow || (style && isSeq(style) ? !!style.flow : undefined);
      if (isFlow === undefined) isFlow = this.isFlowPath(path) || value.every(isScalarValue);
      seq.flow = !!isFlow;
      const styleItem = style && isSeq(style) && style.items.length ? style.items[style.items.length - 1] : null;
      let itemFlow = seq.flow;
      if (!itemFlow && styleItem && (isMap(styleItem) || isSeq(styleItem))) itemFlow = !!styleItem.flow;
      if (!itemFlow && !styleItem && this.isFlowPath([...path, 0])) itemFlow = true;
      value.forEach((item, i) => {
        const itemStyle = styleItem && !isScalar(styleItem) ? styleItem : null;
        seq.items.push(this.node(item, [...path, i], { flow: itemFlow && !isScalarValue(item) ? true : seq.flow, style: itemStyle, sibling: styleItem }));
      });
      return seq;
    }
    if (isObj(value)) {
      const map = new YAMLMap();
      let isFlow = flow || (style && isMap(style) ? !!style.flow : false) || this.isFlowPath(path);
      map.flow = !!isFlow;
      for (const k of this.sortKeys(value, path)) {
        const sib = style && isMap(style) ? style.get(k, true) : null;
        const keyNode = new Scalar(k);
        keyNode.type = 'PLAIN';
        map.items.push(new Pair(keyNode, this.node(value[k], [...path, k], { flow: map.flow, style: sib && !isScalar(sib) ? sib : null, sibling: sib })));
      }
      return map;
    }
    return this.scalar(value, path, { flow, orig: ctx.orig || null, sibling: ctx.sibling || null });
  }

  scalar(value, path, { flow = false, orig = null, sibling = null } = {}) {
    const s = new Scalar(value === undefined ? null : value);
    if (typeof value !== 'string') return s;
    const keep = orig && isScalar(orig) && (orig.type === 'QUOTE_DOUBLE' || orig.type === 'QUOTE_SINGLE') ? orig.type : null;
    if (value.includes('\n')) {
      s.type = flow ? 'QUOTE_DOUBLE' : 'BLOCK_LITERAL';
    } else if (keep) {
      s.type = keep;
    } else if (isRiskyString(value, { dateOk: this.isDatePath(path, orig || sibling) })) {
      s.type = 'QUOTE_DOUBLE';
    } else {
      s.type = 'PLAIN';
    }
    return s;
  }

  stringify(node) {
    const doc = new Document(null, PARSE_OPTIONS);
    doc.contents = node;
    return doc.toString(STRINGIFY_OPTIONS);
  }

  /** Text of a scalar/flow value placed inline (block pair value, or inside a flow collection). */
  inline(node, inFlow) {
    if (inFlow) {
      const seq = new YAMLSeq();
      seq.flow = true;
      seq.items.push(node);
      const t = this.stringify(seq).replace(/\n$/, '');
      if (!t.startsWith('[') || !t.endsWith(']')) throw new Error('rendu flow inattendu');
      return t.slice(1, -1);
    }
    const map = new YAMLMap();
    map.items.push(new Pair(new Scalar('k'), node));
    const t = this.stringify(map);
    if (!t.startsWith('k: ') || t.indexOf('\n') !== t.length - 1) return null; // not a one-liner
    return t.slice(3, -1);
  }

  /** Lines "key: value…" (block) for a new pair, each indented by `col` spaces. */
  blockPair(key, node, col) {
    const map = new YAMLMap();
    const k = new Scalar(key);
    k.type = 'PLAIN';
    map.items.push(new Pair(k, node));
    return indentLines(this.stringify(map), col);
  }

  /** Lines "- item…" (block) for a new list item, indented by `col` spaces. */
  blockItem(node, col) {
    const seq = new YAMLSeq();
    seq.items.push(node);
    return indentLines(this.stringify(seq), col);
  }
}

export function indentLines(text, col) {
  const pad = ' '.repeat(col);
  return text
    .split('\n')
    .map((l, i, a) => (i === a.length - 1 && l === '' ? l : l === '' ? l : pad + l))
    .join('\n');
}

/** Text of a brand-new file (no original): header comment lines then the data. */
export function renderNew(data, hints = {}, sortedKeys = []) {
  const r = new Renderer(hints);
  const rootOrder = r.orderFor([]) || sortedKeys;
  const rr = new Renderer({ ...hints, order: { ...(hints.order || {}), '': rootOrder } });
  const node = rr.node(data, []);
  let text = rr.stringify(node);
  if (hints.header) text = hints.header.map((l) => `# ${l}`.replace(/^# $/, '#')).join('\n') + '\n' + text;
  return text;
}
