// Starts the app. Trunk's `pattern_script` (Trunk.toml) puts
//   <script type="module" src="./boot.js" data-danvan-js="./danvan-web-<hash>.js" data-danvan-wasm="…_bg.wasm">
// into index.html instead of its inline start-up script, so the page's Content-Security-Policy
// allows scripts from the site itself only: no 'unsafe-inline', no hash to keep in step with
// each build. Paths are resolved against the page, so the site works under any sub-path.
const tag = document.querySelector('script[data-danvan-js]');
const { default: init } = await import(new URL(tag.dataset.danvanJs, document.baseURI).href);
await init({ module_or_path: new URL(tag.dataset.danvanWasm, document.baseURI) });
