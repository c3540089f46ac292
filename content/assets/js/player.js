// The scenario player for a pupil on their own. Python (in a module Web Worker) decides every
// step; this script only sends what the pupil pressed, keeps the engine's save on this device,
// and paints the answer with DOM nodes and textContent.
import { connect } from "./engine-client.js";
import * as progress from "./progress.js";
import { readAloud } from "./reading.js";
import "./settings.js";
import { actionFrom, practiceAnnouncement, updatePractice } from "./practice.js";
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
  const scene = document.getElementById("cw-scene");
  if (["set", "check", "undo"].includes(action.do) && updatePractice(scene, reply.view, waiting === 0)) {
    Object.assign(scene.dataset, { decidedBy: "python", python: reply.python });
    announce(practiceAnnouncement(reply.view, action));
    return;
  }
  const drawn = sceneSection(reply, { base: player.dataset.base, school: player.dataset.school });
  scene.replaceWith(drawn);
  announce(announcement(reply.view));
  if (action.do !== "restore") drawn.querySelector(".cw-step").focus();
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
    if (reply.notice && action.do === "restore") say(reply.notice);
  }, () => {
    waiting -= 1;
    say("Something went wrong. Press Start again to play from the beginning.");
  });
}

function cannotStart() {
  if (ready) return;
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
  if (saved) engineLine.textContent = "Taking you back to where you stopped. It takes a few seconds.";
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
  if (action.do === "clear") {
    progress.forgetAll();
    say("Your progress on this device has been cleared.");
    action.do = "restart";
  }
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
