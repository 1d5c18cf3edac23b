// Splicing the original text: only what changed is rewritten, line by line.

import { Scalar, isMap, isSeq, isScalar, isPair, isAlias } from 'yaml';

import { Renderer } from './render.js';
import { deepEqual, isObj, isScalarValue } from './values.js';
import { docToData } from './yaml11.js';

// ---------------------------------------------------------------------------------------
// Text patching

class Patcher {
  constructor(text, renderer) {
    this.t = text;
    this.r = renderer;
    this.edits = [];
  }

  edit(start, end, text) {
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  apply() {
    const edits = [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end || b.seq - a.seq);
    let out = this.t;
    let lastStart = Infinity;
    for (const e of edits) {
      if (e.end > lastStart) throw new Error('modifications qui se chevauchent');
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
      lastStart = e.start;
    }
    return out;
  }

  lineStart(pos) {
    return this.t.lastIndexOf('\n', pos - 1) + 1;
  }

  /** First position after the line containing pos-1 (i.e. after a node ending at pos). */
  afterLine(pos) {
    if (pos > 0 && this.t[pos - 1] === '\n') return pos;
    const nl = this.t.indexOf('\n', pos);
    return nl === -1 ? this.t.length : nl + 1;
  }

  col(pos) {
    return pos - this.lineStart(pos);
  }

  onlySpacesBefore(pos) {
    return /^[ \t]*$/.test(this.t.slice(this.lineStart(pos), pos));
  }

  /** Extend a block deletion start upwards over comment lines at the same column. */
  withCommentsAbove(start, col) {
    let s = start;
    for (;;) {
      if (s === 0) return s;
      const prevStart = this.lineStart(s - 1);
      const line = this.t.slice(prevStart, s - 1);
      const m = /^( *)#/.exec(line);
      if (m && m[1].length === col) s = prevStart;
      else return s;
    }
  }

  nodeEnd(node) {
    return node.range[2];
  }

  // --- generic value patch: returns true when done in place, false if the caller must
  // --- replace the whole pair/item.
  patch(node, value, orig, path, inFlow) {
    if (deepEqual(orig, value)) return true;
    if (isAlias(node) || !node) return false;
    if (isScalar(node)) {
      if (!isScalarValue(value)) return false;
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return false;
      if (node.range[0] === node.range[1]) return false; // `key:` with nothing written
      if (!inFlow && typeof value === 'string' && value.includes('\n')) return false;
      const sn = this.r.scalar(value, path, { flow: inFlow, orig: node });
      const text = this.r.inline(sn, inFlow);
      if (text === null) return false;
      this.edit(node.range[0], node.range[1], text);
      return true;
    }
    if (isMap(node)) {
      if (!isObj(value)) return false;
      if (node.items.length === 0) return false;
      return this.patchMap(node, value, isObj(orig) ? orig : {}, path);
    }
    if (isSeq(node)) {
      if (!Array.isArray(value)) return false;
      if (node.items.length === 0 || value.length === 0) return false;
      return this.patchSeq(node, value, Array.isArray(orig) ? orig : [], path);
    }
    return false;
  }

  // ---- maps
  patchMap(map, obj, orig, path) {
    const flow = !!map.flow;
    const pairs = map.items;
    if (!pairs.every((p) => isScalar(p.key) && p.value !== undefined)) return false;
    const keyOf = (p) => String(p.key.value);
    const present = new Map(pairs.map((p) => [keyOf(p), p]));
    const kept = pairs.filter((p) => Object.prototype.hasOwnProperty.call(obj, keyOf(p)) && obj[keyOf(p)] !== undefined);
    if (kept.length === 0 && !flow) return false; // would leave an empty block map
    const col = flow ? 0 : this.col(pairs[0].key.range[0]);

    if (kept.length === 0) return false; // flow map emptied: the caller rewrites it
    // Deletions
    if (flow) {
      this.deleteFlowRuns(
        pairs.map((p) => !kept.includes(p)),
        (i) => pairs[i].key.range[0],
        (i) => pairs[i].value.range[1],
      );
    } else {
      let i = 0;
      if (!kept.includes(pairs[0]) && !this.onlySpacesBefore(pairs[0].key.range[0])) {
        // leading keys on a "- " line: pull the first kept key up to the dash line
        while (!kept.includes(pairs[i])) i++;
        this.edit(pairs[0].key.range[0], pairs[i].key.range[0], '');
      }
      for (; i < pairs.length; i++) if (!kept.includes(pairs[i])) this.deletePair(map, i, col);
    }
    // Changes
    for (const p of kept) {
      const k = keyOf(p);
      const ok = this.patch(p.value, obj[k], orig[k], [...path, k], flow);
      if (!ok) this.replacePair(map, p, k, obj[k], path, col);
    }
    // Insertions
    const newKeys = Object.keys(obj).filter((k) => obj[k] !== undefined && !present.has(k));
    if (newKeys.length) {
      const order = this.r.orderFor(path) || [];
      const dataOrder = Object.keys(obj);
      const rankOf = (k) => (order.includes(k) ? order.indexOf(k) : null);
      // Anchor: the kept pair after which each new key goes (null = before the first kept).
      const groups = new Map();
      for (const k of newKeys) {
        let anchor = null;
        const r = rankOf(k);
        if (r !== null) {
          for (const p of kept) {
            const pr = rankOf(keyOf(p));
            if (pr !== null && pr < r) anchor = p;
          }
          if (anchor === null && kept.length && kept.every((p) => rankOf(keyOf(p)) === null)) anchor = kept[kept.length - 1];
        } else {
          // Unknown to the schema: after the kept key that precedes it in the data.
          const di = dataOrder.indexOf(k);
          for (const p of kept) if (dataOrder.indexOf(keyOf(p)) < di) anchor = p;
          if (anchor === null) anchor = kept[kept.length - 1] || null;
        }
        const id = anchor === null ? -1 : pairs.indexOf(anchor);
        if (!groups.has(id)) groups.set(id, []);
        groups.get(id).push(k);
      }
      for (const [id, keys] of groups) {
        keys.sort((a, b) => (rankOf(a) ?? 1e9) - (rankOf(b) ?? 1e9));
        const anchor = id === -1 ? null : pairs[id];
        if (flow) {
          const parts = keys.map((k) => `${this.keyText(k)}: ${this.r.inline(this.r.node(obj[k], [...path, k], { flow: true }), true)}`);
          if (anchor) this.edit(anchor.value.range[1], anchor.value.range[1], parts.map((p) => `, ${p}`).join(''));
          else if (kept.length) this.edit(kept[0].key.range[0], kept[0].key.range[0], parts.map((p) => `${p}, `).join(''));
          else return false;
        } else {
          const lines = keys.map((k) => this.r.blockPair(k, this.r.node(obj[k], [...path, k]), col)).join('');
          if (anchor) {
            this.edit(this.afterLine(this.nodeEnd(anchor.value)), this.afterLine(this.nodeEnd(anchor.value)), lines);
          } else {
            const first = kept[0];
            const pos = first.key.range[0];
            if (this.onlySpacesBefore(pos)) this.edit(this.lineStart(pos), this.lineStart(pos), lines);
            else this.edit(pos, pos, lines.slice(col) + ' '.repeat(col)); // "- key:" line
          }
        }
      }
    }
    return true;
  }

  keyText(k) {
    const t = this.r.inline(new Scalar(k), true);
    return t;
  }

  /**
   * Delete runs of consecutive items of a flow collection with their commas:
   * a run followed by a kept item goes up to that item's start; a run that reaches the
   * end goes from the end of the kept item before it.
   */
  deleteFlowRuns(deleted, startOf, endOf) {
    const n = deleted.length;
    let i = 0;
    while (i < n) {
      if (!deleted[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < n && deleted[j + 1]) j++;
      if (j + 1 < n) this.edit(startOf(i), startOf(j + 1), '');
      else if (i > 0) this.edit(endOf(i - 1), endOf(j), '');
      else this.edit(startOf(0), endOf(n - 1), '');
      i = j + 1;
    }
  }

  deletePair(map, i, col) {
    const pairs = map.items;
    const p = pairs[i];
    const keyPos = p.key.range[0];
    const end = this.afterLine(this.nodeEnd(p.value));
    if (!this.onlySpacesBefore(keyPos)) throw new Error('clé inattendue en milieu de ligne');
    this.edit(this.withCommentsAbove(this.lineStart(keyPos), col), end, '');
  }

  replacePair(map, p, k, value, path, col) {
    if (map.flow) {
      const text = this.r.inline(this.r.node(value, [...path, k], { flow: true, orig: p.value, style: isScalar(p.value) ? null : p.value }), true);
      this.edit(p.value.range[0], p.value.range[1], text);
      return;
    }
    const keyPos = p.key.range[0];
    const node = this.r.node(value, [...path, k], { style: isScalar(p.value) ? null : p.value, orig: isScalar(p.value) ? p.value : null });
    const lines = this.r.blockPair(k, node, col);
    const end = this.afterLine(this.nodeEnd(p.value));
    // keep a trailing comment on the key line? (rare) — replaced with the pair.
    if (this.onlySpacesBefore(keyPos)) this.edit(this.lineStart(keyPos), end, lines);
    else this.edit(keyPos, end, lines.slice(col));
  }

  // ---- sequences
  patchSeq(seq, arr, orig, path) {
    const flow = !!seq.flow;
    const items = seq.items;
    if (items.some((it) => !it || isPair(it))) return false;
    const n = items.length;
    const m = arr.length;
    // LCS on deep equality
    const L = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        L[i][j] = deepEqual(orig[i], arr[j]) ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const ops = []; // {type:'keep'|'patch'|'del'|'ins', i, j}
    let i = 0;
    let j = 0;
    const gapDel = [];
    const gapIns = [];
    const flushGap = () => {
      const k = Math.min(gapDel.length, gapIns.length);
      for (let x = 0; x < k; x++) ops.push({ type: 'patch', i: gapDel[x], j: gapIns[x] });
      for (let x = k; x < gapDel.length; x++) ops.push({ type: 'del', i: gapDel[x] });
      for (let x = k; x < gapIns.length; x++) ops.push({ type: 'ins', j: gapIns[x] });
      gapDel.length = 0;
      gapIns.length = 0;
    };
    while (i < n || j < m) {
      if (i < n && j < m && deepEqual(orig[i], arr[j])) {
        flushGap();
        ops.push({ type: 'keep', i, j });
        i++;
        j++;
      } else if (j < m && (i >= n || L[i][j + 1] >= L[i + 1][j])) {
        gapIns.push(j++);
      } else {
        gapDel.push(i++);
      }
    }
    flushGap();

    const survivors = ops.filter((o) => o.type === 'keep' || o.type === 'patch');
    if (survivors.length === 0) return false; // everything replaced: the caller rewrites the list
    const dashCol = flow ? 0 : this.col(seq.range[0]);
    if (!flow && !this.onlySpacesBefore(seq.range[0])) return false; // "- - x" nesting

    // patches and deletions
    for (const o of ops) {
      if (o.type === 'patch') {
        const ok = this.patch(items[o.i], arr[o.j], orig[o.i], [...path, o.j], flow);
        if (!ok) this.replaceItem(seq, o.i, arr[o.j], [...path, o.j], dashCol);
      } else if (o.type === 'del' && !flow) {
        this.deleteItem(seq, o.i, dashCol);
      }
    }
    if (flow) {
      const deleted = items.map((_, i) => ops.some((o) => o.type === 'del' && o.i === i));
      this.deleteFlowRuns(deleted, (i) => items[i].range[0], (i) => items[i].range[1]);
    }
    // insertions: grouped by the surviving old item they follow (-1 = before the first)
    const groups = new Map();
    let lastOld = -1;
    for (const o of ops) {
      if (o.type === 'keep' || o.type === 'patch') lastOld = o.i;
      else if (o.type === 'ins') {
        if (!groups.has(lastOld)) groups.set(lastOld, []);
        groups.get(lastOld).push(o.j);
      }
    }
    const firstSurvivor = survivors.length ? survivors[0].i : null;
    for (const [after, js] of groups) {
      // style model: the item just before, else the first item
      const model = items[after >= 0 ? after : firstSurvivor ?? 0];
      const nodes = js.map((jj) => this.r.node(arr[jj], [...path, jj], this.itemCtx(model, flow)));
      if (flow) {
        const parts = nodes.map((nd) => this.r.inline(nd, true));
        if (after >= 0) this.edit(items[after].range[1], items[after].range[1], parts.map((p) => `, ${p}`).join(''));
        else if (firstSurvivor !== null) this.edit(items[firstSurvivor].range[0], items[firstSurvivor].range[0], parts.map((p) => `${p}, `).join(''));
        else return false;
      } else {
        const text = nodes.map((nd) => this.r.blockItem(nd, dashCol)).join('');
        let pos;
        if (after >= 0) pos = this.afterLine(this.nodeEnd(items[after]));
        else pos = this.lineStart(this.dashPos(items[firstSurvivor]));
        this.edit(pos, pos, text);
      }
    }
    return true;
  }

  itemCtx(model, flow) {
    if (!model) return { flow };
    if (isScalar(model)) return { flow, sibling: model };
    return { flow: flow || !!model.flow, style: model };
  }

  dashPos(item) {
    let p = item.range[0] - 1;
    while (p >= 0 && (this.t[p] === ' ' || this.t[p] === '\t')) p--;
    if (this.t[p] !== '-') throw new Error('tiret de liste introuvable');
    return p;
  }

  deleteItem(seq, i, dashCol) {
    const it = seq.items[i];
    const start = this.withCommentsAbove(this.lineStart(this.dashPos(it)), dashCol);
    this.edit(start, this.afterLine(this.nodeEnd(it)), '');
  }

  replaceItem(seq, i, value, path, dashCol) {
    const it = seq.items[i];
    const node = this.r.node(value, path, { flow: !!seq.flow || (!isScalar(it) && !!it.flow), style: isScalar(it) ? null : it, orig: isScalar(it) ? it : null });
    if (seq.flow) {
      this.edit(it.range[0], it.range[1], this.r.inline(node, true));
      return;
    }
    const text = this.r.blockItem(node, dashCol);
    this.edit(this.lineStart(this.dashPos(it)), this.afterLine(this.nodeEnd(it)), text);
  }
}

/** The new text of `originalText` (parsed as `doc`) holding `data`. */
export function patchText(originalText, doc, data, hints = {}) {
  const r = new Renderer(hints);
  const orig = docToData(doc);
  const p = new Patcher(originalText, r);
  const root = doc.contents;
  let done = false;
  if (root && isMap(root) && !root.flow && isObj(data)) done = p.patch(root, data, orig, [], false);
  if (!done) return null;
  return p.apply();
}
