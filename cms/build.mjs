// Bundle src/pae-format.js with the `yaml` package into dist/pae-format.js: one classic
// script (IIFE) that sets window.PaeFormat. The site serves it beside decap-cms.js; nothing
// is loaded from a CDN. `make site` and `make test` run it (dist/ is git-ignored).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('src/pae-format.js', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  globalName: 'PaeFormat',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  outfile: new URL('dist/pae-format.js', import.meta.url).pathname,
  logLevel: 'warning',
});
