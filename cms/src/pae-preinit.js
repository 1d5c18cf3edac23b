// Loaded before decap-cms.js: pae-cms.js registers the formats and the locale, then
// starts the CMS itself (no inline script, so a strict Content-Security-Policy works).
window.CMS_MANUAL_INIT = true;
