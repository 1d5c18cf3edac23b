// Starts Decap CMS for pae. Loaded after decap-cms.js, pae-format.js, pae-locale-fr.js and
// the configuration that `pae site` generates from the JSON Schemas (pae-config.js, which
// sets window.PAE_CMS = {config, formats}).
(function () {
  'use strict';
  var CMS = window.CMS;
  var generated = window.PAE_CMS;

  function merge(target, source) {
    var out = Object.assign({}, target);
    Object.keys(source || {}).forEach(function (key) {
      var value = source[key];
      var nested = value && typeof value === 'object' && !Array.isArray(value);
      out[key] = nested && target && typeof target[key] === 'object' ? merge(target[key], value) : value;
    });
    return out;
  }

  // French strings: CMS.registerLocale replaces a whole locale, so merge the corrections.
  CMS.registerLocale('fr', merge(CMS.getLocale('fr') || {}, window.PAE_LOCALE_FR || {}));

  // One text-preserving YAML format per kind of record.
  Object.keys(generated.formats).forEach(function (name) {
    window.PaeFormat.registerPaeFormat(CMS, name, generated.formats[name]);
  });

  // The generated configuration (no config.yml request). CMS.init needs <body>.
  function start() {
    CMS.init({ config: generated.config });
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
