// Whiteboard slides and the teacher's notes view for one lesson. The slides are already in
// the page; this script shows one at a time, follows the keyboard, a presentation clicker and
// swipes, and keeps the class view and the notes view (two tabs) on the same slide.
import { clickerKey, fit, fullScreenButton, refitOnResize } from "./screen.js";

const deck = document.getElementById("cw-deck");
const notesView = deck.dataset.view === "notes";
const slides = [...deck.querySelectorAll(".cw-slides > .cw-slide")];
const counter = deck.querySelector("[data-counter]");
const channel = "BroadcastChannel" in window
  ? new BroadcastChannel(`clickwise-slides:${deck.dataset.lesson}`) : null;
let current = 0;

function fromHash() {
  const match = /^#slide-(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) - 1 : 0;
}

function preview(box, slide) {
  box.replaceChildren();
  if (!slide) {
    box.append(Object.assign(document.createElement("p"), {
      className: "cw-preview-end", textContent: "End of the lesson",
    }));
    return;
  }
  const copy = slide.cloneNode(true);
  copy.hidden = false;
  for (const node of copy.querySelectorAll("[id]")) node.removeAttribute("id");
  box.append(copy);
  fit(copy);
}

function paint() {
  if (notesView) {
    preview(deck.querySelector('[data-show="current"]'), slides[current]);
    preview(deck.querySelector('[data-show="next"]'), slides[current + 1]);
    for (const notes of deck.querySelectorAll(".cw-notes-for")) {
      notes.hidden = Number(notes.dataset.slide) !== current + 1;
    }
  } else {
    slides.forEach((slide, i) => { slide.hidden = i !== current; });
    fit(slides[current]);
  }
}

function show(index, tell = true) {
  current = Math.min(Math.max(index, 0), slides.length - 1);
  paint();
  counter.textContent = String(current + 1);
  deck.dataset.slide = String(current + 1);
  deck.querySelector('[data-go="-1"]').disabled = current === 0;
  deck.querySelector('[data-go="1"]').disabled = current === slides.length - 1;
  history.replaceState(null, "", `#slide-${current + 1}`);
  if (tell && channel) channel.postMessage({ slide: current });
}

document.addEventListener("keydown", (event) => {
  const key = clickerKey(event);
  if (!key) return;
  show({ next: current + 1, back: current - 1, first: 0, last: slides.length - 1 }[key]);
  event.preventDefault();
});

deck.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-go]");
  if (button && !button.disabled) show(current + Number(button.dataset.go));
});

// A swipe left or right on a touch screen turns the slide; a tap does nothing.
let touch = null;
deck.addEventListener("pointerdown", (event) => {
  touch = event.pointerType === "mouse" ? null : { x: event.clientX, y: event.clientY };
});
deck.addEventListener("pointerup", (event) => {
  if (!touch) return;
  const dx = event.clientX - touch.x;
  const dy = event.clientY - touch.y;
  touch = null;
  if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
});

// A tab that opens later asks where the others are, and follows them.
if (channel) {
  channel.onmessage = ({ data }) => {
    if (data.hello) channel.postMessage({ slide: current });
    else show(data.slide, false);
  };
}
window.addEventListener("hashchange", () => show(fromHash(), true));
fullScreenButton(deck.querySelector("[data-fullscreen]"));
refitOnResize(paint);
deck.dataset.live = "yes";
show(fromHash(), false);
if (channel) channel.postMessage({ hello: true });
