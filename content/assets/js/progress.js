// What this device remembers about each story: the engine's own versioned save (a JSON string
// that only Python reads) and a one-word status for the band page's cards. Nothing else.
const PREFIX = "clickwise:progress:";

function stored(scenario) {
  try {
    return localStorage.getItem(PREFIX + scenario) || "";
  } catch {
    return "";
  }
}

function unwrap(raw) {
  try {
    const kept = JSON.parse(raw);
    return kept && typeof kept === "object" && typeof kept.state === "string" ? kept : null;
  } catch {
    return null;
  }
}

/** The engine's save for this story, or "" when there is none. Anything that is not one of our
 *  own records goes to Python as it is, so the engine explains in its own words why it cannot be
 *  used (broken, older version, another story) and starts afresh. */
export function saved(scenario) {
  const raw = stored(scenario);
  return raw ? (unwrap(raw)?.state ?? raw) : "";
}

/** "none", "started" or "done": what the story's card shows. */
export function status(scenario) {
  const kept = unwrap(stored(scenario));
  return kept && ["started", "done"].includes(kept.status) ? kept.status : "none";
}

/** Keep the engine's save. A story once finished stays "done" when it is played again; a story
 *  back at its very beginning and never finished leaves nothing behind. */
export function save(scenario, state, { ended, started }) {
  const done = ended || status(scenario) === "done";
  const word = done ? "done" : started ? "started" : "none";
  try {
    if (word === "none") localStorage.removeItem(PREFIX + scenario);
    else localStorage.setItem(PREFIX + scenario, JSON.stringify({ state, status: word }));
  } catch {
    // Private browsing or a full disk: the story still plays, it just is not remembered.
  }
}

/** Forget every story's progress on this device. */
export function forgetAll() {
  try {
    Object.keys(localStorage).filter((key) => key.startsWith(PREFIX))
      .forEach((key) => localStorage.removeItem(key));
  } catch {
    // Nothing could be kept, so there is nothing to forget.
  }
}
