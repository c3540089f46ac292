// Band page: mark each story's card not started / in progress / done, from this device only,
// and let a pupil clear one story's progress (or every story's), asked first each time.
import { forget, forgetAll, status } from "./progress.js";
import { ask } from "./screen.js";
import "./settings.js";

const WORDS = { none: "Not started", started: "In progress", done: "Done" };
const band = document.getElementById("cw-band");
const note = document.getElementById("cw-cleared");
const clearAll = document.getElementById("cw-clear");

function paint() {
  let any = false;
  document.querySelectorAll(".cw-card").forEach((card) => {
    const state = status(card.dataset.scenario);
    const badge = card.querySelector(".cw-progress");
    badge.dataset.progress = state;
    badge.textContent = WORDS[state];
    card.querySelector(".cw-forget").hidden = state === "none";
    any ||= state !== "none";
  });
  clearAll.hidden = !any;
}

function cleared(words, focus) {
  paint();
  note.hidden = false;
  note.textContent = words;
  focus.focus();
}

async function clearOne(card) {
  const title = card.dataset.title;
  const yes = await ask(band, {
    question: `Clear your progress in "${title}"?`,
    detail: "This device will forget where you got to. The story will start from the beginning.",
    yes: "Yes, clear it", no: "No, keep it",
  });
  if (yes) {
    forget(card.dataset.scenario);
    cleared(`Your progress in "${title}" has been cleared.`, card.querySelector("a"));
  }
}

async function clearEvery() {
  const yes = await ask(band, {
    question: "Clear your progress in every story?",
    detail: "This device will forget every story you have played here.",
    yes: "Yes, clear them all", no: "No, keep them",
  });
  if (yes) {
    forgetAll();
    cleared("Your progress in every story on this device has been cleared.", document.querySelector(".cw-card a"));
  }
}

paint();
// Another tab played on, or the browser brought this page back from its history.
window.addEventListener("storage", paint);
window.addEventListener("pageshow", paint);
band.addEventListener("click", (event) => {
  const button = event.target.closest("button.cw-forget");
  if (button) clearOne(button.closest(".cw-card"));
});
clearAll.addEventListener("click", clearEvery);
