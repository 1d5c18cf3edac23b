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

  // The action of an attendance line: one of this dossier's own actions. A relation widget
  // lists other entries only; this select reads the entry being edited, as it is edited.
  var h = window.h;
  var ActionControl = window.createClass({
    handleChange: function (event) {
      this.props.onChange(event.target.value);
    },
    render: function () {
      var actions = this.props.entry.getIn(['data', 'parcours', 'actions']);
      var list = actions && actions.toJS ? actions.toJS() : [];
      var value = this.props.value || '';
      var known = list.filter(function (a) { return a && a.id; });
      var options = [h('option', { key: '', value: '' }, '— une action du parcours —')];
      known.forEach(function (a) {
        options.push(h('option', { key: a.id, value: a.id }, a.id + ' — ' + (a.intitule || '')));
      });
      if (value && !known.some(function (a) { return a.id === value; })) {
        options.push(h('option', { key: value, value: value }, value + ' (absente du parcours)'));
      }
      return h('select', {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: value,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      }, options);
    },
  });
  CMS.registerWidget('pae-action', ActionControl, function (props) {
    return h('span', {}, props.value || '');
  });

  // The generated configuration (no config.yml request). CMS.init needs <body>.
  function start() {
    CMS.init({ config: generated.config });
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
