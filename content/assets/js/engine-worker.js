// The module Web Worker that runs the Python engine in Pyodide, away from the page's main thread.
// Only JSON strings cross between JavaScript and Python.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const runtime = new URL("../../pyodide/", import.meta.url).href;
let api = null;

// The engine wheel downloads while Pyodide boots. Our lock file (which lists only this wheel,
// so Pyodide never looks anywhere else) names it and holds its hash, which the browser checks.
const wheel = fetch(new URL("pyodide-lock.json", runtime))
  .then((response) => response.json())
  .then(({ packages }) => {
    const entry = packages["quiz-engine"];
    const integrity = `sha256-${base64(entry.sha256)}`;
    return fetch(new URL(entry.file_name, runtime), { integrity });
  })
  .then((response) => response.arrayBuffer());
wheel.catch(() => {}); // reported by `booting` below, once Pyodide is up

function base64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((pair) => parseInt(pair, 16))));
}

const booting = (async () => {
  const pyodide = await loadPyodide({ indexURL: runtime, checkAPIVersion: true });
  // Unpacked with the zipfile module Python has already loaded: Pyodide's package loader
  // would first import modules that the trimmed standard library leaves out.
  pyodide.FS.writeFile("/tmp/engine.whl", new Uint8Array(await wheel));
  pyodide.runPython(`import site, sys, zipfile
where = site.getsitepackages()[0]
zipfile.ZipFile("/tmp/engine.whl").extractall(where)
sys.path_importer_cache.pop(where, None)  # its listing from before the engine was there`);
  api = pyodide.pyimport("quiz_engine.api");
  return api.python_version();
})();

booting.then(
  (python) => postMessage({ kind: "ready", python }),
  (error) => postMessage({ kind: "failed", error: String(error) }),
);

onmessage = async (event) => {
  const { id, kind, url, scenario, state, action } = event.data;
  try {
    await booting;
    let answer;
    if (kind === "load") {
      const text = await (await fetch(url)).text();
      answer = api.load(text);
    } else {
      answer = api.handle(scenario, state ?? "", action);
    }
    postMessage({ id, ok: true, answer });
  } catch (error) {
    postMessage({ id, ok: false, error: String(error) });
  }
};
