// What the JSON Schema tells the format: date fields, key order, paths.

// ---------------------------------------------------------------------------------------
// Paths, schema hints

/** A path pattern "suivi.points.*.date" ("*" = any list index or key) against a path. */
export function matchPath(pattern, path) {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((p, i) => p === '*' || p === String(path[i]));
}

const isIndex = (seg) => typeof seg === 'number';

export function normPath(path) {
  return path.map((s) => (isIndex(s) ? '*' : String(s))).join('.');
}

function resolveRef(schema, node) {
  let n = node;
  const seen = new Set();
  while (n && n.$ref && n.$ref.startsWith('#/') && !seen.has(n.$ref)) {
    seen.add(n.$ref);
    const target = n.$ref
      .slice(2)
      .split('/')
      .reduce((acc, k) => (acc ? acc[k] : undefined), schema);
    n = { ...target, ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$ref')) };
  }
  return n || {};
}

/**
 * Walk a JSON Schema: returns {datePaths, order, flowHints} where datePaths are the path
 * patterns of `format: date` strings, and order maps a path pattern ("" for the root,
 * "suivi.points.*") to the schema's property order.
 */
export function hintsFromSchema(schema) {
  const datePaths = [];
  const order = {};
  const walk = (node, path, depth) => {
    if (depth > 12) return;
    const n = resolveRef(schema, node);
    const variants = [...(n.oneOf || []), ...(n.anyOf || []), ...(n.allOf || [])];
    for (const v of variants) walk(v, path, depth + 1);
    if (n.format === 'date') datePaths.push(path.join('.'));
    if (n.properties) {
      const key = path.join('.');
      order[key] = [...(order[key] || []), ...Object.keys(n.properties).filter((k) => !(order[key] || []).includes(k))];
      for (const [k, v] of Object.entries(n.properties)) walk(v, [...path, k], depth + 1);
    }
    if (n.items && typeof n.items === 'object') walk(n.items, [...path, '*'], depth + 1);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, [...path, '*'], depth + 1);
  };
  walk(schema, [], 0);
  return { datePaths: [...new Set(datePaths)], order };
}
