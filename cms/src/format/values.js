// Plain data as Decap hands it over: equality, emptiness, and what is left to write.

// ---------------------------------------------------------------------------------------
// Values

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const isScalarValue = (v) => v === null || v === undefined || typeof v !== 'object';

export function deepEqual(a, b) {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a)) {
    if (!isObj(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  return false;
}

export const isEmptyValue = (v) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

/**
 * What will be written: the new data with the empty values Decap leaves behind (cleared
 * text "", emptied lists [], untouched objects {}, null) removed, unless the original
 * file had that very value at that place.
 */
export function pruneEmpty(value, orig) {
  if (deepEqual(value, orig)) return orig === undefined ? value : orig;
  if (Array.isArray(value)) {
    const origItems = Array.isArray(orig) ? orig : [];
    const out = [];
    for (const item of value) {
      const same = origItems.find((o) => deepEqual(o, item));
      if (same !== undefined) {
        out.push(item);
        continue;
      }
      const p = pruneEmpty(item, undefined);
      if (!isEmptyValue(p)) out.push(p);
    }
    return out;
  }
  if (isObj(value)) {
    const out = {};
    const o = isObj(orig) ? orig : {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (k in o && deepEqual(v, o[k])) {
        out[k] = v;
        continue;
      }
      const p = pruneEmpty(v, o[k]);
      if (!isEmptyValue(p) || (k in o && deepEqual(p, o[k]))) out[k] = p;
    }
    return out;
  }
  return value;
}

export function countLeaves(v) {
  if (Array.isArray(v)) return v.reduce((a, x) => a + countLeaves(x), 0);
  if (isObj(v)) return Object.values(v).reduce((a, x) => a + countLeaves(x), 0);
  return 1;
}

export function structuredCloneSafe(v) {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
