// What this device remembers about each story: the engine's own versioned save (a JSON string
// that only Python reads) and a one-word status for the band page's cards; and, apart from it,
// where a class got to in class mode (the engine's save and which screen was showing), so a
// reload of the whiteboard loses nothing. Nothing else.
const PREFIX = "clickwise:progress:";
const CLASS_PREFIX = "clickwise:class:";

function stored(scenario, prefix = PREFIX) {
  try {
    return localStorage.getItem(prefix + scenario) || "";
  } catch {
    return "";
  }
}

function keep(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private browsing or a full disk: the story still plays, it just is not remembered.
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
  keep(PREFIX + scenario, word === "none" ? null : JSON.stringify({ state, status: word }));
}

/** Forget one story's progress on this device. */
export function forget(scenario) {
  keep(PREFIX + scenario, null);
}

/** Where the class got to in a story's class mode: {state, screen}, or null. A record that is
 *  not one of ours still goes to Python as the state, which explains why it cannot be used. */
export function classPlace(scenario) {
  const raw = stored(scenario, CLASS_PREFIX);
  if (!raw) return null;
  return unwrap(raw) ?? { state: raw, screen: "play" };
}

/** Keep the class's place (null forgets it: a fresh lesson). */
export function keepClassPlace(scenario, place) {
  keep(CLASS_PREFIX + scenario, place && JSON.stringify(place));
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
