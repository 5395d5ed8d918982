// Starts the WebAssembly app. An external module (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid inline scripts.
import init from './ipvi-web.js';

init({ module_or_path: './ipvi-web_bg.wasm' }).then((wasm) => {
  // The size of the app's memory, read by the browser benchmark (it only grows, so it is the peak).
  window.ipviWasmBytes = () => wasm.memory.buffer.byteLength;
}).catch((error) => {
  const banner = document.getElementById('fatal-error');
  // A Rust panic has already explained itself in the banner; keep that message.
  if (!banner.hidden) return;
  banner.textContent = 'IPVI Workbench could not start in this browser (' + error + '). ' +
    'It needs a current browser with WebAssembly; nothing was sent anywhere. Reload to try again.';
  banner.hidden = false;
});
