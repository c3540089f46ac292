// The module Web Worker that runs the Python engine in Pyodide, away from the page's main thread.
// Only JSON strings cross between JavaScript and Python.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const runtime = new URL("../../pyodide/", import.meta.url).href;
let api = null;

const booting = (async () => {
  const pyodide = await loadPyodide({ indexURL: runtime, checkAPIVersion: true });
  await pyodide.loadPackage("quiz-engine", { messageCallback: () => {} });
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
