// The registered content script. MV3 content scripts are classic scripts,
// so this loader only pulls in lede's ES-module pipeline; the modules are
// listed in web_accessible_resources for http(s) pages (../shared/PLATFORM.md:
// import(runtime.getURL(...)) works in both browsers, CSP pages included).
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { start } = await import(api.runtime.getURL('src/content/index.js'));
  await start();
})().catch((error) => {
  console.warn('lede: not started:', error);
});
