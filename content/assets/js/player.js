// The scenario player for a pupil on their own. Python (in a module Web Worker) decides every
// step; this script only sends what the pupil pressed, keeps the engine's save on this device,
// and paints the answer with DOM nodes and textContent.
import { connect } from "./engine-client.js";
import * as progress from "./progress.js";
import { readAloud } from "./reading.js";
import "./settings.js";
import { actionFrom, practiceAnnouncement, updatePractice } from "./practice.js";
import { el } from "./screen.js";
import { announcement, sceneSection } from "./views.js";

const WAIT_MS = 20_000; // a school tablet may be slow, but a pupil should not wait longer to know
const player = document.getElementById("cw-player");
const scenarioId = player.dataset.scenario;
const engineLine = document.getElementById("cw-engine");
const notice = document.getElementById("cw-notice");
const noPython = document.getElementById("cw-no-python");
const live = document.getElementById("cw-live");
const stopReading = readAloud(player.querySelector('[data-tool="read"]'),
  () => [...document.querySelectorAll("#cw-scene [data-read]")]);

let engine = null;
let ready = false;
let waiting = 0; // answers still to come: a practice's controls are set from the last of them
const early = []; // presses made before Python is ready, played the moment it is

function say(text) {
  notice.hidden = !text;
  notice.textContent = text || "";
}

function announce(text) {
  live.textContent = "";
  setTimeout(() => { live.textContent = text; }, 100); // a change, even when the words repeat
}

function paint(reply, action) {
  stopReading();
  player.querySelector('[data-do="undo"]').disabled = !reply.view.can_undo;
  // A change on a practice screen is drawn in place, so focus stays on the control used.
  const current = document.getElementById("cw-scene");
  if (["set", "check", "undo"].includes(action.do) && updatePractice(current, reply.view, waiting === 0)) {
    Object.assign(current.dataset, { decidedBy: "python", python: reply.python });
    announce(practiceAnnouncement(reply.view, action));
    return;
  }
  const moveFocus = action.do !== "restore";
  const { base, school, stories } = player.dataset;
  const scene = sceneSection(reply, { base, school, stories });
  current.replaceWith(scene);
  announce(announcement(reply));
  if (moveFocus) scene.querySelector(".cw-step").focus();
  // The end is long: it starts at the top of the screen, so what happened, the verdict, the
  // safer choice and who can help come first, before anything else.
  if (moveFocus && reply.view.phase === "ending") scene.scrollIntoView({ block: "start" });
}

/** While a saved game is being restored, the first scene drawn by the build is not where the
 *  pupil is: its buttons are switched off and say why, until Python paints the saved place
 *  (or cannot start, when they come back so that pressing one explains what is wrong). */
function waitForRestore(on) {
  player.querySelector('.cw-controls [data-do="restart"]').disabled = on;
  const scene = document.getElementById("cw-scene");
  if (scene.dataset.decidedBy !== "build") return;
  scene.querySelectorAll("button[data-do]").forEach((button) => { button.disabled = on; });
  scene.querySelector(".cw-wait")?.remove();
  if (on) {
    scene.querySelector(".cw-text").after(el("p", {
      class: "cw-wait", role: "status", text: "Wait a moment: taking you back to where you stopped.",
    }));
  }
}

function act(action) {
  if (!ready) {
    early.push(action);
    return;
  }
  waiting += 1;
  engine.act(action).then((reply) => {
    waiting -= 1;
    progress.save(scenarioId, reply.state,
      { ended: reply.view.phase === "ending", started: reply.view.can_undo });
    paint(reply, action);
    if (action.do === "restore") waitForRestore(false);
    if (reply.notice && action.do === "restore") say(reply.notice);
  }, () => {
    waiting -= 1;
    waitForRestore(false);
    say("Something went wrong. Press Start again to play from the beginning.");
  });
}

function cannotStart() {
  if (ready) return;
  waitForRestore(false);
  player.dataset.engine = "failed";
  engineLine.textContent = "";
  noPython.hidden = false;
}

function started(python) {
  ready = true;
  noPython.hidden = true; // Python may have come after the wait ran out
  delete player.dataset.engine;
  player.dataset.python = python;
  engineLine.textContent = "The story is ready.";
  if (progress.saved(scenarioId)) early.splice(0, early.length, { do: "restore" }); // the saved place wins
  early.splice(0).forEach(act);
}

function start() {
  if (location.protocol === "file:" || !("Worker" in window)) {
    cannotStart();
    return;
  }
  const url = new URL(`${player.dataset.base}scenarios/${scenarioId}.json`, location.href).href;
  const saved = progress.saved(scenarioId);
  if (saved) {
    engineLine.textContent = "Taking you back to where you stopped. It takes a few seconds.";
    waitForRestore(true);
  }
  const timer = setTimeout(cannotStart, WAIT_MS);
  try {
    engine = connect(scenarioId, url, saved);
  } catch {
    clearTimeout(timer);
    cannotStart();
    return;
  }
  engine.ready.then((python) => { clearTimeout(timer); started(python); },
    () => { clearTimeout(timer); cannotStart(); });
}

player.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-do]");
  if (!button || button.disabled) return;
  say("");
  stopReading();
  const action = { do: button.dataset.do };
  if (button.dataset.index !== undefined) action.index = Number(button.dataset.index);
  act(action);
  if (player.dataset.engine === "failed") noPython.focus(); // say why nothing happens
});

// A change or a press on a practice screen's controls.
for (const type of ["change", "click"]) {
  player.addEventListener(type, (event) => {
    const action = actionFrom(event);
    if (!action) return;
    say("");
    act(action);
    if (player.dataset.engine === "failed") noPython.focus();
  });
}

start();
