// First steps with trustloop-wasm in a web page (`npm install trustloop-wasm`; any
// bundler, here Vite): verify the .anip-package.json files a user picks, in the
// browser. In Node the same import works, and `init()` is a no-op there.
import init, { TrustloopError, verifyBundle } from 'trustloop-wasm';

const picker = document.querySelector('input[type=file]');
const verdicts = document.querySelector('ul');

await init(); // fetches and instantiates the .wasm once
picker.disabled = false;

picker.addEventListener('change', async () => {
  verdicts.replaceChildren();
  for (const file of picker.files) {
    let verdict;
    try {
      const result = verifyBundle(new Uint8Array(await file.arrayBuffer()));
      const failed = result.checks.filter((check) => check.status === 'fail').map((check) => check.name);
      verdict = `${result.status}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}`;
    } catch (error) {
      if (!(error instanceof TrustloopError)) throw error;
      verdict = `error ${error.code}`;
    }
    verdicts.append(Object.assign(document.createElement('li'), { textContent: `${file.name}: ${verdict}` }));
  }
});
