// What this device remembers: the engine's own saved state for each scenario, and nothing else.
const PREFIX = "clickwise:progress:";

export function load(scenario) {
  try {
    const raw = localStorage.getItem(PREFIX + scenario);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return { broken: true };
  }
}

export function save(scenario, state, status) {
  try {
    localStorage.setItem(PREFIX + scenario, JSON.stringify({ state, status }));
  } catch {
    // Private browsing or a full disk: the game still plays, it just is not remembered.
  }
}

export function forget(scenario) {
  try { localStorage.removeItem(PREFIX + scenario); } catch { /* nothing kept */ }
}

export function forgetAll() {
  try {
    Object.keys(localStorage).filter((k) => k.startsWith(PREFIX))
      .forEach((k) => localStorage.removeItem(k));
  } catch { /* nothing kept */ }
}

export function status(scenario) {
  const saved = load(scenario);
  return saved && !saved.broken && typeof saved.status === "string" ? saved.status : "none";
}
