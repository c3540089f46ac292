// Band page: mark each story's card not started / in progress / done, from this device only.
import { forgetAll, status } from "./progress.js";
import "./settings.js";

const WORDS = { none: "Not started", started: "In progress", done: "Done" };

function paint() {
  document.querySelectorAll(".cw-card").forEach((card) => {
    const state = status(card.dataset.scenario);
    const badge = card.querySelector(".cw-progress");
    badge.dataset.progress = state;
    badge.textContent = WORDS[state];
  });
}

paint();
// Another tab played on, or the browser brought this page back from its history.
window.addEventListener("storage", paint);
window.addEventListener("pageshow", paint);
document.getElementById("cw-clear")?.addEventListener("click", () => {
  forgetAll();
  paint();
  const note = document.getElementById("cw-cleared");
  note.hidden = false;
  note.textContent = "Your progress on this device has been cleared.";
});
