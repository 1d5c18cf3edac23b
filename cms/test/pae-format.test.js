// The text-preserving format against every record of the demo network.
// Run by `make test` (node --test cms/test/); PAE_PYTHON names the Python that has pae.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { createPaeFormat, parsePae, isRiskyString, pruneEmpty, renderNew, hintsFromSchema } from '../src/pae-format.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const RECORDS = path.join(REPO, 'records');
const SCHEMAS = path.join(REPO, 'schema');
const PYTHON = process.env.PAE_PYTHON || path.join(REPO, '.venv', 'bin', 'python');

const files = fs
  .readdirSync(RECORDS, { recursive: true })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => path.join(RECORDS, f))
  .sort();

const schemaFor = (file) => {
  const name = file.includes('/jeunes/')
    ? 'jeune'
    : file.includes('/etablissements/')
      ? 'etablissement'
      : file.includes('/missions-locales/')
        ? 'mission-locale'
        : file.includes('/offre/')
          ? 'offre'
          : 'parametres';
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${name}.schema.json`), 'utf8'));
};
const jeuneSchema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'jeune.schema.json'), 'utf8'));
const jeunes = files.filter((f) => f.includes('/jeunes/'));
// The dossier the edit tests below describe (a full plan: check-ins, attendance, bilan).
const YANIS = jeunes.find((f) => f.endsWith('0990001N-2026-001.yaml'));

function fresh(file, opts = {}) {
  const fmt = createPaeFormat({ schema: schemaFor(file), keyFields: ['id', 'uai'], ...opts });
  const text = fs.readFileSync(file, 'utf8');
  return { fmt, text, data: fmt.fromFile(text) };
}

/** Lines changed between a and b: {removed, added, at} after trimming common prefix/suffix. */
function lineDiff(a, b) {
  const A = a.split('\n');
  const B = b.split('\n');
  let p = 0;
  while (p < A.length && p < B.length && A[p] === B[p]) p++;
  let s = 0;
  while (s < A.length - p && s < B.length - p && A[A.length - 1 - s] === B[B.length - 1 - s]) s++;
  return { at: p, removed: A.slice(p, A.length - s), added: B.slice(p, B.length - s) };
}

// Scalars of a data tree: [path, value]
function leaves(v, p = []) {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...p, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...p, k]));
  return [[p, v]];
}
function setAt(obj, p, value) {
  let o = obj;
  for (const k of p.slice(0, -1)) o = o[k];
  o[p[p.length - 1]] = value;
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pae-format-'));
let outCount = 0;
function keepForPython(text, data) {
  outCount++;
  const base = path.join(outDir, String(outCount).padStart(5, '0'));
  fs.writeFileSync(`${base}.yaml`, text);
  fs.writeFileSync(`${base}.json`, JSON.stringify(data));
}

test('demo files found: every kind of record', () => {
  for (const kind of ['/jeunes/', '/etablissements/', '/missions-locales/', '/offre/', 'parametres.yaml']) {
    assert.ok(files.some((f) => f.includes(kind)), kind);
  }
  assert.ok(jeunes.length >= 10);
});

test('every demo file: fromFile then toFile with unchanged data is byte-identical', () => {
  for (const f of files) {
    const { fmt, text, data } = fresh(f);
    const out = fmt.toFile(structuredClone(data));
    assert.equal(out, text, f);
    assert.equal(fmt.lastReport.mode, 'patch');
    keepForPython(out, data);
  }
});

test('adding a check-in (suivi.points item) changes exactly its lines', () => {
  for (const f of jeunes) {
    const { fmt, text, data } = fresh(f);
    if (!data.suivi || !Array.isArray(data.suivi.points)) continue;
    // Decap appends the item; keys arrive in typing order, with an untouched optional field empty
    data.suivi.points.push({ resume: 'Point hebdomadaire : assidu, « 14:00 » noté', avec: ['jeune', 'referent'], date: '2026-12-18', commentaire: '' });
    const out = fmt.toFile(data);
    const d = lineDiff(text, out);
    assert.deepEqual(d.removed, [], f);
    const ind = ' '.repeat(4);
    assert.deepEqual(
      d.added,
      [`${ind}- date: 2026-12-18`, `${ind}  avec: [jeune, referent]`, `${ind}  resume: "Point hebdomadaire : assidu, « 14:00 » noté"`],
      f,
    );
    const expected = structuredClone(data);
    delete expected.suivi.points.at(-1).commentaire;
    assert.deepEqual(parsePae(out).toJS(), expected);
    keepForPython(out, expected);
  }
});

test('adding an attendance line to a flow-style list gives one flow mapping line', () => {
  let n = 0;
  for (const f of jeunes) {
    const { fmt, text, data } = fresh(f);
    const list = data.suivi && data.suivi.assiduite;
    if (!Array.isArray(list) || !list.length) continue;
    n++;
    list.push({ statut: 'absent', action: 'a1', date: '2026-12-17' });
    const out = fmt.toFile(data);
    const d = lineDiff(text, out);
    assert.deepEqual(d.removed, [], f);
    assert.deepEqual(d.added, ['    - {date: 2026-12-17, action: a1, statut: absent}'], f);
    keepForPython(out, data);
  }
  assert.ok(n > 10);
});

// Every scalar of the reference files; a third of each dossier's, in turn (the dossiers
// share their structure: across them, every field is changed many times), to keep the
// suite under a minute on a busy machine.
test('changing one scalar changes one line (every kind of scalar, in every file)', () => {
  let n = 0;
  files.forEach((f, fileIndex) => {
    const { fmt, text, data } = fresh(f); // one parse per file: toFile never changes the cache
    const stride = f.includes('/jeunes/') ? 3 : 1;
    leaves(data).forEach(([p, v], leafIndex) => {
      if ((leafIndex + fileIndex) % stride !== 0) return;
      const d2 = structuredClone(data);
      let nv;
      if (typeof v === 'string') nv = p.at(-1) === 'date' || /^\d{4}-\d\d-\d\d$/.test(v) ? '2027-01-02' : `${v} modifié`;
      else if (typeof v === 'number') nv = v + 1;
      else if (typeof v === 'boolean') nv = !v;
      else return;
      setAt(d2, p, nv);
      const out = fmt.toFile(d2);
      assert.equal(fmt.lastReport.mode, 'patch', `${f} ${p.join('.')}`);
      const diff = lineDiff(text, out);
      assert.equal(diff.removed.length, 1, `${f} ${p.join('.')}`);
      assert.equal(diff.added.length, 1, `${f} ${p.join('.')}`);
      assert.deepEqual(parsePae(out).toJS(), d2);
      if (n % 10 === 0) keepForPython(out, d2);
      n++;
    });
  });
  assert.ok(n > 1000, String(n));
});

test('risky scalars come out quoted and read back as the same text', () => {
  const f = YANIS;
  const risky = ['14:00', '9:30', '1:30:00', 'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', '~', '', '=', '<<',
    '06 12 34 56 78', '+33 6 12 34 56 78', '0612345678', '2026', '0990', '089', '1e3', '1.5', '.5', '1_000', '0x1F', '07-01', '2/3',
    '2026-09-11', '2026-9-1', '.nan', '-.inf', ' espace', 'fin ', '#hash', '- tiret', '@arobase', '[liste]', '{map}', 'a: b', 'x #y', '%pc', '*étoile', '&ancre', '!tag', '|', '>'];
  for (const v of risky) {
    const { fmt, text, data } = fresh(f);
    data.identite.nom = v; // a text field, not a date
    data.examen.specialite = v; // originally "…" quoted
    if (v === '') {
      // cleared optional text is removed, required text stays ""; here nom is required:
      // the format prunes it anyway (Decap's `required` keeps it from being saved empty)
      const out = fmt.toFile(data);
      assert.ok(!/^  nom:/m.test(out));
      continue;
    }
    const out = fmt.toFile(data);
    const line = out.split('\n').find((l) => l.startsWith('  nom:'));
    const written = line.slice('  nom: '.length);
    if (isRiskyString(v) || /^[\s#\-@[\]{}%*&!|>]|: | #|\s$/.test(v)) assert.match(written, /^["']/, `${v} -> ${written}`);
    const back = parsePae(out).toJS();
    assert.equal(back.identite.nom, v);
    assert.equal(back.examen.specialite, v);
    keepForPython(out, back);
  }
});

test('dates: plain in date fields, quoted elsewhere', () => {
  const f = YANIS;
  const { fmt, data } = fresh(f);
  data.identite.date_naissance = '2008-01-31';
  data.identite.nom = '2008-01-31';
  const out = fmt.toFile(data);
  assert.match(out, /^  date_naissance: 2008-01-31$/m);
  assert.match(out, /^  nom: "2008-01-31"$/m);
  // without a schema, a new list item follows its sibling's plain date
  const g = createPaeFormat({});
  const d2 = g.fromFile(fs.readFileSync(f, 'utf8'));
  d2.suivi.assiduite.push({ date: '2026-12-17', action: 'a1', statut: 'present' });
  assert.match(g.toFile(d2), /- \{date: 2026-12-17, action: a1, statut: present\}\n/);
});

test('times in the flow creneaux list stay quoted; new creneau is a flow map', () => {
  const f = jeunes.find((x) => fresh(x).data.parcours?.actions?.[0]?.creneaux);
  const { fmt, text, data } = fresh(f);
  data.parcours.actions[0].creneaux.push({ jour: 'samedi', debut: '08:30', fin: '12:00' });
  const out = fmt.toFile(data);
  const d = lineDiff(text, out);
  assert.deepEqual(d.removed, []);
  assert.deepEqual(d.added, ['        - {jour: samedi, debut: "08:30", fin: "12:00"}']);
});

test('multi-line text becomes a literal block, never folded; long lines are not folded', () => {
  const f = YANIS;
  const { fmt, data } = fresh(f);
  data.suivi.points[0].resume = 'Ligne une : rien\nLigne deux';
  const long = 'mot '.repeat(60).trim();
  data.suivi.points[1].resume = long;
  const out = fmt.toFile(data);
  assert.match(out, /      resume: \|-\n        Ligne une : rien\n        Ligne deux\n/);
  assert.ok(out.includes(`      resume: ${long}\n`));
  assert.deepEqual(parsePae(out).toJS(), data);
});

test('removing items and keys removes exactly their lines', () => {
  const f = YANIS;
  const { fmt, text, data } = fresh(f);
  const removedPoint = data.suivi.points.splice(1, 1)[0];
  data.suivi.assiduite.splice(0, 1);
  delete data.boursier;
  delete data.inscription.dossier_imilo;
  const out = fmt.toFile(data);
  assert.deepEqual(parsePae(out).toJS(), data);
  const before = text.split('\n').length;
  assert.equal(out.split('\n').length, before - 3 - 1 - 1 - 1);
  assert.ok(!out.includes(removedPoint.resume));
});

test('removing the first key of a list item on its dash line', () => {
  const f = YANIS;
  const { fmt, data } = fresh(f);
  delete data.suivi.points[0].date;
  const out = fmt.toFile(data);
  assert.match(out, /\n    - avec: \[jeune, conseiller_ml\]\n      resume: /);
  assert.deepEqual(parsePae(out).toJS(), data);
});

test('emptied values are removed rather than written as "" or []', () => {
  const f = YANIS;
  const { fmt, data } = fresh(f);
  data.suivi.points.push({ date: '2026-12-18', avec: [], resume: 'ok', commentaire: '' });
  data.entretien_information.besoins = [];
  const out = fmt.toFile(data);
  assert.ok(!out.includes('besoins'));
  assert.match(out, /    - date: 2026-12-18\n      resume: ok\n/);
  assert.deepEqual(pruneEmpty({ a: '', b: [], c: { d: '' }, e: 0, f: false }, undefined), { e: 0, f: false });
});

test('new keys go where the schema puts them', () => {
  const f = YANIS;
  const { fmt, text, data } = fresh(f);
  data.dispositif = 'avenirpro_plus'; // schema order: after volontaire
  const out = fmt.toFile(data);
  const d = lineDiff(text, out);
  assert.deepEqual(d.added, ['dispositif: avenirpro_plus']);
  assert.equal(out.split('\n')[d.at - 1], 'volontaire: true');
});

test('toFile patches the cached version closest to the data (main vs. branch)', () => {
  const f = YANIS;
  const fmt = createPaeFormat({ schema: jeuneSchema });
  const main = fs.readFileSync(f, 'utf8');
  const branch = main.replace('# Données fictives', '# Modifié sur la branche\n# Données fictives');
  const dMain = fmt.fromFile(main);
  const dBranch = fmt.fromFile(branch.replace('statut: retard}', 'statut: absent}'));
  // editing the branch version (which was parsed last) keeps the branch's comment
  dBranch.bilan.date = '2026-12-17';
  assert.ok(fmt.toFile(dBranch).includes('# Modifié sur la branche'));
  // now the list re-reads main (as a collection listing does): still closest is the branch one
  fmt.fromFile(main);
  const out = fmt.toFile(dBranch);
  assert.ok(out.includes('# Modifié sur la branche'));
  assert.deepEqual(parsePae(out).toJS(), dBranch);
  assert.equal(fmt.toFile(dMain), main);
});

test('a new file (no original) is written in the project style with its header', () => {
  const fmt = createPaeFormat({
    schema: jeuneSchema,
    flowPaths: ['suivi.assiduite.*', 'parcours.actions.*.creneaux.*'],
    header: ['yaml-language-server: $schema=../../../../schema/jeune.schema.json'],
  });
  const data = {
    volontaire: true,
    id: '0990001N-2026-099',
    session: 2026,
    etablissement: '0990001N',
    identite: { prenom: 'Léa', nom: 'Martin', date_naissance: '2008-03-04', telephone: '06 00 00 00 00' },
    examen: { diplome: 'cap', resultat: 'admis', specialite: 'Cuisine' },
    reperage: { motif: 'autre', contacts: [{ date: '2026-07-02', canal: 'telephone', resultat: 'joint', par: 'Mme X' }] },
    suivi: { assiduite: [{ date: '2026-09-14', action: 'a1', statut: 'present' }] },
  };
  const out = fmt.toFile(data, ['id', 'session']);
  assert.equal(fmt.lastReport.mode, 'new');
  assert.ok(out.startsWith('# yaml-language-server: $schema=../../../../schema/jeune.schema.json\nid: 0990001N-2026-099\nsession: 2026\n'));
  assert.match(out, /telephone: "06 00 00 00 00"/);
  assert.match(out, /date_naissance: 2008-03-04/);
  assert.match(out, /  assiduite:\n    - \{date: 2026-09-14, action: a1, statut: present\}\n/);
  assert.deepEqual(parsePae(out).toJS(), data);
  keepForPython(out, data);
});

test('reading YAML 1.1 quirks like PyYAML: keys stay text, 014 is 12, 089 and 1e3 and E2 are text, 14:00 is text', () => {
  const d = parsePae('yes: no\n1: x\ny: n\nt: 14:00\no: 014\ns: 089\ne: 1e3\nu: E2\nf: 1.50\nd: 2026-01-01\nz: ~\n').toJS();
  assert.deepEqual(d, { yes: false, 1: 'x', y: 'n', t: '14:00', o: 12, s: '089', e: '1e3', u: 'E2', f: 1.5, d: '2026-01-01', z: null });
  const fmt = createPaeFormat({ keyFields: ['id'] });
  const src = '# c\nid: x\nyes: no\nt: 14:00\n';
  const data = fmt.fromFile(src);
  assert.equal(fmt.toFile(data), src); // untouched stays as written
  data.t = '15:00';
  assert.equal(fmt.toFile(data), '# c\nid: x\nyes: no\nt: "15:00"\n');
});

test('fuzz: random edits on every dossier are patched (not rewritten) and read back exactly', () => {
  let seed = 42;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let n = 0;
  for (const f of jeunes) {
    for (let round = 0; round < 8; round++) {
      const { fmt, data } = fresh(f);
      for (let e = 0; e < 1 + rnd(4); e++) {
        const kind = rnd(5);
        const pts = data.suivi && data.suivi.points;
        const ass = data.suivi && data.suivi.assiduite;
        if (kind === 0 && pts && pts.length > 1) pts.splice(rnd(pts.length), 1);
        else if (kind === 1 && pts) pts.splice(rnd(pts.length + 1), 0, { date: '2026-12-0' + (1 + rnd(9)), avec: ['jeune'], resume: 'Nouveau : point ' + rnd(100) });
        else if (kind === 2 && ass && ass.length) ass[rnd(ass.length)].statut = ['present', 'absent', 'retard', 'absent_justifie'][rnd(4)];
        else if (kind === 3 && data.identite) data.identite.telephone = `0${rnd(10)} 00 00 00 0${rnd(10)}`;
        else if (kind === 4 && data.inscription) data.inscription.dossier_imilo = !data.inscription.dossier_imilo;
      }
      const out = fmt.toFile(data);
      assert.equal(fmt.lastReport.mode, 'patch', f);
      assert.deepEqual(parsePae(out).toJS(), pruneEmpty(data, undefined));
      if (round === 0) keepForPython(out, pruneEmpty(data, undefined));
      n++;
    }
  }
  assert.ok(n > 300);
});

test('outputs read the same with PyYAML CSafeLoader and with pae\'s loader (YAML 1.1)', { skip: !fs.existsSync(PYTHON) && 'python missing' }, () => {
  const out = execFileSync(PYTHON, [path.join(import.meta.dirname, 'check_yaml11.py'), outDir], { encoding: 'utf8' });
  const m = /(\d+) passed, (\d+) failed/.exec(out);
  assert.ok(m, out);
  assert.equal(Number(m[2]), 0, out);
  assert.ok(Number(m[1]) > 200, out);
});

test('hintsFromSchema finds the date fields and key order', () => {
  const h = hintsFromSchema(jeuneSchema);
  assert.ok(h.datePaths.includes('suivi.points.*.date'));
  assert.ok(h.datePaths.includes('identite.date_naissance'));
  assert.deepEqual(h.order['suivi.points.*'].slice(0, 3), ['date', 'avec', 'resume']);
});

test('synthetic edge cases: comments, flow edits, block scalars, empty collections, insert at top', () => {
  const src = [
    '# en-tête',
    'id: x-1',
    'a: 1 # commentaire de fin de ligne',
    'texte: |',
    '  ligne 1',
    '  ligne 2',
    'vide: []',
    'carte_vide: {}',
    'nul:',
    'liste:',
    '  # commentaire de l’élément b',
    '  - b',
    '  - c',
    'flux: [p, q, r]',
    'objets:',
    '  - {k: 1, l: "09:00"}',
    '  - k: 2',
    '    l: "10:00"',
    '',
    '# fin',
    '',
  ].join('\n');
  const fmt = createPaeFormat({ keyFields: ['id'] });
  const d = fmt.fromFile(src);
  assert.equal(fmt.toFile(structuredClone(d)), src);

  const e = structuredClone(d);
  e.a = 2;
  e.texte = 'autre\ntexte';
  e.vide = ['z'];
  e.carte_vide = { m: 'n' };
  e.nul = 'valeur';
  e.liste = ['a0', 'c']; // b replaced by a0 in place (a gap of 1 removed + 1 added = a change)
  e.flux = ['o', 'q', 'r', 's'];
  e.objets[0] = { k: 1, m: 'yes' };
  e.objets[1].k = 3;
  const out = fmt.toFile(e);
  assert.equal(fmt.lastReport.mode, 'patch');
  assert.equal(
    out,
    [
      '# en-tête',
      'id: x-1',
      'a: 2 # commentaire de fin de ligne',
      'texte: |-',
      '  autre',
      '  texte',
      'vide: [z]',
      'carte_vide: {m: "n"}', // n is a YAML 1.1 boolean: quoted
      'nul: valeur',
      'liste:',
      '  # commentaire de l’élément b',
      '  - a0',
      '  - c',
      'flux: [o, q, r, s]',
      'objets:',
      '  - {k: 1, m: "yes"}',
      '  - k: 3',
      '    l: "10:00"',
      '',
      '# fin',
      '',
    ].join('\n'),
  );
  assert.deepEqual(parsePae(out).toJS(), e);
});

test('a check-in removed together with the comment line above it', () => {
  const f = files.find((x) => x.endsWith('0990001N-2026-015.yaml'));
  const { fmt, text, data } = fresh(f);
  const lines = text.split('\n');
  const ci = lines.findIndex((l) => l.trim().startsWith('# Donnée de test XSS'));
  assert.ok(ci > 0);
  // the item right after the comment
  const idx = data.suivi.points.findIndex((p) => text.indexOf(p.resume ?? '\u0000') > text.indexOf(lines[ci]));
  data.suivi.points.splice(idx, 1);
  const out = fmt.toFile(data);
  assert.ok(!out.includes('# Donnée de test XSS'));
  assert.deepEqual(parsePae(out).toJS(), data);
  const d = lineDiff(text, out);
  assert.deepEqual(d.added, []);
  assert.equal(d.removed[0], lines[ci]);
});
