// Shared by the pupils' and the whiteboard views (slides, teacher notes, class mode): building
// DOM nodes, fitting a screenful of text without scrolling, the full-screen button, the keys a
// presentation clicker sends, and asking before something is wiped.

/** A DOM element with attributes, text (always textContent) and children. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const overflows = (box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;

/**
 * Shrink the type in `box` (through its --cw-fit factor) until its content fits, but never
 * below `floor` of the full size: past that the box scrolls (data-fit="overflow") rather than
 * hiding words or becoming unreadable from the back of the room.
 */
export function fit(box, floor = 0.8) {
  let scale = 1;
  box.style.setProperty("--cw-fit", "1");
  box.dataset.fit = "fits";
  while (overflows(box) && scale > floor) {
    scale = Math.max(floor, Math.round((scale - 0.04) * 100) / 100);
    box.style.setProperty("--cw-fit", String(scale));
  }
  if (overflows(box)) box.dataset.fit = "overflow";
  else if (scale < 1) box.dataset.fit = "scaled";
}

// Keys a keyboard or a presentation clicker sends (clickers send PageDown and PageUp, some the
// arrows or Space), and where they go.
const KEYS = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "back", PageUp: "back",
  Home: "first", End: "last" };

/** "next", "back", "first" or "last" for a key that steps through a whiteboard view, else null.
 *  Keys typed into a box are the box's, and Space on a button presses it; Shift+Space goes back. */
export function clickerKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest("input, textarea, select, [contenteditable]")) return null;
  if (event.key === " " && target?.closest("button, summary")) return null;
  if (event.key === " " && event.shiftKey) return "back";
  return KEYS[event.key] ?? null;
}

/** Wire a "Full screen" button (hidden where the browser has no full-screen mode). */
export function fullScreenButton(button) {
  if (!button || !document.fullscreenEnabled) return;
  button.hidden = false;
  const label = () => {
    button.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
  };
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", label);
  label();
}

/** Call `refit` again whenever the window changes size (a new screen, full screen on or off). */
export function refitOnResize(refit) {
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(refit);
  });
}

/**
 * Ask a yes-or-no question in a modal dialog placed in `within`; resolves true for yes. "No"
 * has the focus to begin with (Escape means no too), so nothing is lost by pressing on; the
 * browser gives the focus back where it was when the dialog closes.
 */
export function ask(within, { question, detail, yes, no }) {
  return new Promise((resolve) => {
    const dialog = el("dialog", {
      class: "cw-confirm", "aria-labelledby": "cw-confirm-question",
      "aria-describedby": detail ? "cw-confirm-detail" : undefined,
    }, [
      el("p", { class: "cw-confirm-question", id: "cw-confirm-question", text: question }),
      detail ? el("p", { id: "cw-confirm-detail", text: detail }) : null,
      el("div", { class: "cw-confirm-buttons" }, [
        el("button", { type: "button", class: "cw-confirm-yes", value: "yes", text: yes }),
        el("button", { type: "button", class: "cw-confirm-no", value: "no", text: no, autofocus: "" }),
      ]),
    ]);
    dialog.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (button) dialog.close(button.value);
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "yes");
    });
    within.append(dialog);
    dialog.showModal();
  });
}
