// Reading settings ("Bigger text", "Easy-read colours"): kept on this device under one key (with
// Material's light or dark choice, see overrides/partials/clickwise-storage.html) and applied to
// every page as classes on <html>. Loaded on every page (mkdocs.yml) and imported by
// the player and band pages, which hold the buttons that change them.
const KEY = "clickwise:settings";
const CLASSES = { bigger: "cw-bigger", "easy-read": "cw-easy-read" };

function read() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || "{}");
    return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
  } catch {
    return {};
  }
}

function write(settings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private browsing or a full disk: the setting still works on this page.
  }
}

function apply(settings) {
  for (const [name, cls] of Object.entries(CLASSES)) {
    document.documentElement.classList.toggle(cls, settings[name] === true);
  }
  document.querySelectorAll("button[data-setting]").forEach((button) => {
    button.setAttribute("aria-pressed", String(settings[button.dataset.setting] === true));
  });
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-setting]");
  if (!button || !(button.dataset.setting in CLASSES)) return;
  const settings = read(); // it also holds Material's light or dark choice: keep that as it is
  settings[button.dataset.setting] = settings[button.dataset.setting] !== true;
  write(settings);
  apply(settings);
});
window.addEventListener("storage", (event) => {
  if (event.key === KEY || event.key === null) apply(read());
});
apply(read());
