// Class mode: the whole class plays one scenario on the whiteboard. The teacher counts hands
// (typed in, or one at a time), reveals, and follows the class or picks. Python (in the engine
// worker) keeps the tallies, the path and the summary; this script sends the teacher's taps and
// keys, paints the answers, and keeps the class's place on this device so a reload loses nothing.
import { classSummary, helpersLine } from "./class-summary.js";
import { connect } from "./engine-client.js";
import { actionFrom, device, practicePanel } from "./practice.js";
import { classPlace, keepClassPlace } from "./progress.js";
import { ask, clickerKey, el, fit, fullScreenButton, refitOnResize } from "./screen.js";
import { verdictPanel } from "./ending.js";
import { OUTCOME_WORDS } from "./views.js";

const root = document.getElementById("cw-class");
const stage = document.getElementById("cw-class-stage");
const stepLine = document.getElementById("cw-class-step");
const notice = document.getElementById("cw-class-notice");
const engineLine = document.getElementById("cw-engine");
const discussion = document.getElementById("cw-discussion");
const labels = JSON.parse(document.getElementById("cw-labels").textContent);
const base = root.dataset.base;
const scenarioId = root.dataset.scenario;
const TIE = "It's a tie, or no hands yet. Tap \"Go with this\" on the choice the class will follow.";
const RESUMED = "This is where the class got to on this device. To start a fresh lesson, press Start again.";
const NOT_A_COUNT = "Type a number of hands, like 12.";

let engine = null;
let last = null;
let screen = "play"; // "play", or "summary" at the end

function say(text) {
  notice.hidden = !text;
  notice.textContent = text || "";
}

// ---- painting -------------------------------------------------------------------------------

function characterLine(view) {
  const who = view.character;
  if (!who) return null;
  const face = who.picture ? el("img", { class: "cw-class-face", src: base + who.picture, alt: "" }) : null;
  return el("p", { class: "cw-class-who" }, [face, el("span", { text: who.name })]);
}

function tally(choice, number, revealed) {
  const button = (action, text, aria) => el("button", {
    type: "button", class: `cw-tally-button${action === "teacher" ? " cw-pick" : ""}`,
    dataset: { do: action, index: String(choice.index) }, "aria-label": `${aria}: ${choice.label}`, text,
  });
  const words = [el("span", { class: "cw-tally-key", "aria-hidden": "true", text: String(number) }),
    el("p", { class: "cw-tally-label", text: choice.label })];
  if (revealed) {
    words.push(el("p", { class: "cw-outcome", text: OUTCOME_WORDS[choice.outcome] || "" }),
      el("p", { class: "cw-tally-feedback", text: choice.feedback }));
  }
  const box = el("input", {
    class: "cw-hands-input", type: "text", inputmode: "numeric", autocomplete: "off", maxlength: "3",
    value: "0", dataset: { index: String(choice.index) }, "aria-label": `Hands up for: ${choice.label}`,
  });
  return el("li", {
    class: `cw-tally${revealed ? ` cw-${choice.outcome}` : ""}`,
    dataset: { index: String(choice.index), outcome: choice.outcome || "" },
  }, [
    el("div", { class: "cw-tally-choice" }, words),
    el("div", { class: "cw-tally-chart" }, [el("span", { class: "cw-tally-track" }, [el("span", { class: "cw-tally-bar" })])]),
    el("div", { class: "cw-tally-buttons" }, [
      button("unvote", "\u2212", "Take a hand off"),
      el("label", { class: "cw-hands" }, [box, el("span", { class: "cw-hands-unit" })]),
      button("vote", "+", "Add a hand"),
      button("teacher", "Go with this", "Go with this"),
    ]),
  ]);
}

/** Show the class's hands on the tallies already on the stage (no new nodes, so the focus and
 *  whatever the teacher is pressing stay where they are). A box being typed in is left alone. */
function showHands(view) {
  const total = Object.values(view.votes).reduce((a, b) => a + b, 0);
  for (const row of stage.querySelectorAll(".cw-tally")) {
    const count = view.votes[row.dataset.index] || 0;
    const box = row.querySelector(".cw-hands-input");
    row.dataset.votes = String(count);
    row.querySelector(".cw-tally-bar").style.width = `${total ? Math.round((100 * count) / total) : 0}%`;
    row.querySelector('[data-do="unvote"]').disabled = count === 0;
    row.querySelector(".cw-hands-unit").textContent = count === 1 ? "hand" : "hands";
    if (document.activeElement !== box || box.value === box.dataset.shown) box.value = String(count);
    box.dataset.shown = String(count);
  }
}

function decision(view) {
  return [
    characterLine(view),
    el("p", { class: "cw-class-text", text: view.text }),
    view.practice ? practicePanel(view, `cw-${view.scene}`) : view.screen && device(view.screen, `cw-${view.scene}`),
    el("ul", { class: "cw-tallies", "aria-label": "Hands up for each choice" },
      view.choices.map((c, i) => tally(c, i + 1, view.revealed))),
  ];
}

function followed(view) {
  const fb = view.feedback;
  return [characterLine(view), el("div", { class: `cw-class-feedback cw-${fb.outcome}`, dataset: { outcome: fb.outcome } }, [
    el("p", { class: "cw-class-chose", text: `The class chose: ${fb.label}` }),
    el("p", { class: "cw-outcome", text: OUTCOME_WORDS[fb.outcome] || "" }),
    el("p", { class: "cw-class-text", text: fb.feedback }),
    el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { do: "continue" }, text: fb.again ? "Try again" : "Next" }),
  ])];
}

function ending(view, summary) {
  const end = view.ending;
  return [characterLine(view), el("div", { class: "cw-class-ending", dataset: { ending: end.kind } }, [
    el("p", { class: "cw-class-text", text: view.text }),
    summary ? verdictPanel(summary.verdict, "class") : null,
    el("p", {}, [el("strong", { text: "The safer choice: " }), el("span", { text: end.safer_choice })]),
    el("p", {}, [el("strong", { text: "Remember: " }), el("span", { text: end.key_message })]),
    el("p", {}, [el("strong", { text: "Who can help: " }), el("span", { text: helpersLine(end) })]),
    el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { show: "summary" }, text: "Class summary" }),
  ])];
}

/** Same decision, same choices, same reveal, same practice screen: only the hands changed, so
 *  only they are redrawn (a press or a Check on a practice's screen is drawn anew). */
function onlyHandsChanged(before, view) {
  return before && screen === "play" && before.phase === "scene" && view.phase === "scene"
    && before.scene === view.scene && before.revealed === view.revealed
    && before.choices.map((c) => c.index).join() === view.choices.map((c) => c.index).join()
    && JSON.stringify(before.practice) === JSON.stringify(view.practice);
}

function paint(reply) {
  const view = reply.view;
  const onSummary = screen === "summary" && reply.summary;
  if (!onlyHandsChanged(stage.querySelector("#cw-decision[data-decided-by='python']") && last?.view, view)) {
    const parts = onSummary ? classSummary(reply.summary, { labels, discussion, school: root.dataset.school })
      : view.phase === "feedback" ? followed(view)
        : view.phase === "ending" ? ending(view, reply.summary) : decision(view);
    stage.replaceChildren(el("section", {
      class: "cw-decision", id: "cw-decision", "aria-labelledby": "cw-class-step",
      dataset: { scene: view.scene, phase: onSummary ? "summary" : view.phase, decidedBy: "python", python: reply.python },
    }, parts));
  }
  if (view.phase === "scene" && !onSummary) showHands(view);
  last = reply;
  stepLine.textContent = onSummary ? "Summary" : view.phase === "ending" ? "The end"
    : view.phase === "feedback" ? "What happened" : `Decision ${view.step}`;
  const choosing = view.phase === "scene";
  root.querySelector('[data-do="undo"]').disabled = !view.can_undo;
  root.querySelector('[data-do="reveal"]').disabled = !choosing || view.revealed;
  root.querySelector('[data-do="majority"]').disabled = !choosing;
  root.dataset.phase = onSummary ? "summary" : view.phase;
  fit(stage, 0.7);
}

// ---- where the focus goes next ----------------------------------------------------------------

/** After an action, the focus goes to the next thing to press: Next after the class's choice,
 *  "Class summary" at the end, "Follow the class" after a reveal, the decision otherwise. */
function focusNext(action, reply) {
  const phase = root.dataset.phase;
  const find = (selector) => root.querySelector(selector);
  let target = null;
  if (root.dataset.needsPick) target = find(".cw-pick");
  else if (phase === "feedback") target = find('[data-do="continue"]');
  else if (phase === "ending") target = find('[data-show="summary"]');
  else if (phase === "summary") target = find("[data-print]");
  else if (action === "reveal") target = find('[data-do="majority"]');
  else if (["continue", "undo", "restart", "teacher", "majority"].includes(action)) target = stepLine;
  if (target && reply) target.focus();
}

// ---- talking to the engine -----------------------------------------------------------------------

function keepPlace(view) {
  const started = view.can_undo || view.revealed || Object.keys(view.votes).length > 0;
  keepClassPlace(scenarioId, started ? { state: last.state, screen } : null);
}

async function act(action) {
  try {
    const reply = await engine.act(action);
    delete root.dataset.needsPick;
    if (reply.notice && action.do === "majority") {
      root.dataset.needsPick = "yes";
      say(TIE);
    } else if (reply.notice && action.do === "restore") {
      say(reply.notice);
    } else {
      say(reply.notice ? "That did not work. Try again, or press Start again." : "");
    }
    if (action.do === "restart" || (action.do === "undo" && screen === "summary")) screen = "play";
    paint(reply);
    keepPlace(reply.view);
    focusNext(action.do, reply);
    return reply;
  } catch (error) {
    say(root.dataset.engine === "failed" ? engineLine.textContent
      : "Something went wrong. Press Start again to play from the beginning.");
    return null;
  }
}

function show(which) {
  if (!last) return;
  screen = which === "summary" ? "summary" : "play";
  paint(last);
  keepPlace(last.view);
  focusNext(`show-${which}`, last);
}

/** Start again wipes the class's hands and choices, so it asks first (when there is any). */
async function startAgain() {
  const view = last?.view;
  const anything = view && (view.can_undo || view.revealed || Object.keys(view.votes).length > 0);
  if (anything && !(await ask(root, {
    question: "Start a fresh lesson?",
    detail: "This clears the class's hands and choices in this story on this device.",
    yes: "Yes, start again", no: "No, carry on",
  }))) return;
  screen = "play";
  act({ do: "restart" });
}

// ---- hands typed in ------------------------------------------------------------------------

function handsBox(index) {
  return stage.querySelector(`.cw-hands-input[data-index="${index}"]`);
}

/** Send a typed count to the engine; anything but a whole number puts the count back. */
function countTyped(box) {
  const typed = box.value.trim();
  if (typed === box.dataset.shown) return;
  if (!/^\d{1,3}$/.test(typed)) {
    box.value = box.dataset.shown;
    say(NOT_A_COUNT);
    return;
  }
  box.dataset.shown = String(Number(typed));
  act({ do: "hands", index: Number(box.dataset.index), count: Number(typed) });
}

function onBoxKey(event, box) {
  const index = Number(box.dataset.index);
  if (event.key === "Enter") {
    countTyped(box);
    const boxes = [...stage.querySelectorAll(".cw-hands-input")];
    const next = boxes[boxes.indexOf(box) + 1];
    (next ?? root.querySelector('[data-do="majority"]')).focus();
    next?.select();
  } else if (event.key === "Escape") {
    box.value = box.dataset.shown;
  } else if (event.key === "ArrowUp" || (event.key === "ArrowDown" && box.dataset.shown !== "0")) {
    act({ do: event.key === "ArrowUp" ? "vote" : "unvote", index });
  } else return;
  event.preventDefault();
}

// ---- keys: a choice's number, and the clicker ----------------------------------------------

const STEP_ON = { scene: () => act({ do: "majority" }), feedback: () => act({ do: "continue" }), ending: () => show("summary") };
// A clicker's own keys mean nothing to a box of hands, so they step on from there too.
const CLICKER_ONLY = { PageDown: "next", PageUp: "back" };

function onKey(event) {
  if (!engine || !last || document.querySelector("dialog[open]")) return;
  const box = event.target instanceof Element ? event.target.closest(".cw-hands-input") : null;
  if (box && !(event.key in CLICKER_ONLY)) {
    onBoxKey(event, box);
    return;
  }
  if (box) countTyped(box);
  const phase = root.dataset.phase;
  const number = /^[1-9]$/.test(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey;
  const key = box ? CLICKER_ONLY[event.key] : clickerKey(event);
  if (number && phase === "scene" && handsBox(last.view.choices[Number(event.key) - 1]?.index)) {
    const target = handsBox(last.view.choices[Number(event.key) - 1].index);
    target.focus();
    target.select();
  } else if (key === "next" && STEP_ON[phase]) STEP_ON[phase]();
  else if (key === "back" && phase === "summary") show("ending");
  else if (key === "back" && last.view.can_undo) act({ do: "undo" });
  else return;
  event.preventDefault();
}

// ---- wiring ------------------------------------------------------------------------------------

root.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button || button.disabled || button.closest("dialog")) return;
  if (button.dataset.print !== undefined) window.print();
  else if (button.dataset.show) show(button.dataset.show);
  else if (button.dataset.do === "restart" && engine) startAgain();
  else if (button.dataset.do && engine) {
    const action = { do: button.dataset.do };
    if (button.dataset.index !== undefined) action.index = Number(button.dataset.index);
    act(action);
  }
});
root.addEventListener("change", (event) => {
  if (event.target.matches(".cw-hands-input")) countTyped(event.target);
});
document.addEventListener("keydown", onKey);

// The teacher operating the screen of a practice on the whiteboard.
for (const type of ["change", "click"]) {
  root.addEventListener(type, (event) => {
    const action = actionFrom(event);
    if (action && engine) act(action);
  });
}

// "Leave class mode" goes back to wherever the teacher came from on this site (a lesson's
// slides, say), else to the teachers' page.
document.getElementById("cw-leave").addEventListener("click", (event) => {
  if (document.referrer.startsWith(location.origin) && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});

/** While the class's saved place is being restored, the first decision drawn by the build is
 *  not where the class is: its controls wait, and say so. */
function waitForRestore(waiting) {
  for (const control of stage.querySelectorAll("#cw-decision[data-decided-by='build'] :is(button, input)")) {
    control.disabled = waiting;
  }
  if (waiting) say("Taking the class back to where it got to on this device…");
}

async function start() {
  fullScreenButton(root.querySelector("[data-fullscreen]"));
  refitOnResize(() => fit(stage, 0.7));
  fit(stage, 0.7);
  if (location.protocol === "file:" || !("Worker" in window)) {
    engineLine.textContent = "Class mode only works when Clickwise is opened through the school's web address (or the Clickwise serve command), not as a file.";
    return;
  }
  const place = classPlace(scenarioId);
  if (place) waitForRestore(true);
  engine = connect(scenarioId, `${base}scenarios/${scenarioId}.json`, place?.state ?? "");
  engine.ready.then((python) => {
    root.dataset.python = python;
    engineLine.textContent = "Class mode is ready.";
  }, () => {
    root.dataset.engine = "failed";
    waitForRestore(false);
    engineLine.textContent = "Class mode could not start on this device. Try opening it through the school's web address in an up-to-date browser.";
  });
  if (!place) {
    act({ do: "start" });
    return;
  }
  screen = place.screen === "summary" ? "summary" : "play";
  const reply = await act({ do: "restore" });
  if (reply && !reply.notice) say(RESUMED);
}

start();
