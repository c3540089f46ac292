// Shared by the whiteboard views (slides, teacher notes, class mode): building DOM nodes,
// fitting a screenful of text without scrolling, and the full-screen button.

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
