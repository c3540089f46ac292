// Talks to the engine worker (engine-worker.js) for one scenario: JSON strings in and out.
// Actions sent before Python is ready wait in line and are played, in order, the moment it is.

/**
 * Start the worker and load `scenarioUrl`. Returns {ready, act}: `ready` resolves with the
 * Python version; `act(action)` resolves with the engine's answer ({state, view, notice, ...}).
 * The engine's saved state is kept here only as the opaque string the engine wrote; `saved`
 * (a save from an earlier visit) is where the first action starts from.
 */
export function connect(scenarioId, scenarioUrl, saved = "") {
  const started = window.cwEngine; // by the page's head (partials/clickwise-engine-first.html), if any
  window.cwEngine = undefined;
  const worker = started?.worker
    ?? new Worker(new URL("engine-worker.js", import.meta.url), { type: "module" });
  const replies = new Map();
  let nextId = 1;
  let state = saved;
  const ask = (message) => new Promise((resolve, reject) => {
    const id = nextId++;
    replies.set(id, { resolve, reject });
    worker.postMessage({ id, ...message });
  });
  const ready = new Promise((resolve, reject) => {
    const failed = () => reject(new Error("the engine worker could not start"));
    const heard = (event) => {
      const data = event.data;
      if (data.kind === "ready") {
        ask({ kind: "load", url: scenarioUrl }).then(() => resolve(data.python), reject);
      } else if (data.kind === "failed") {
        reject(new Error(data.error));
      } else {
        const pending = replies.get(data.id);
        replies.delete(data.id);
        if (data.ok) pending.resolve(data.answer); else pending.reject(new Error(data.error));
      }
    };
    worker.onerror = failed;
    worker.onmessage = heard;
    for (const event of started?.early ?? []) {
      if (event.type === "error") failed(); else heard(event);
    }
  });
  let line = ready;
  function act(action) {
    const turn = line.then(() => ask({
      kind: "handle", scenario: scenarioId, state, action: JSON.stringify(action),
    })).then((text) => {
      const reply = JSON.parse(text);
      state = reply.state;
      return reply;
    });
    line = turn.catch(() => {});
    return turn;
  }
  return { ready, act };
}
