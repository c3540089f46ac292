// The scenario player. Python (in a module Web Worker) decides every step; this script only
// sends what the pupil pressed and paints the answer with DOM nodes and textContent.
import * as progress from "./progress.js";

const player = document.getElementById("cw-player");
const scenarioId = player.dataset.scenario;
const base = player.dataset.base;
const engineLine = document.getElementById("cw-engine");
const notice = document.getElementById("cw-notice");
const OUTCOME_WORDS = { safe: "A safe choice", unsure: "Think again", risky: "There is a safer choice" };
const KIND_WORDS = { safe: "Well done", unsure: "Good try", risky: "Everyone got help" };

let worker = null;
let ready = false;
let busy = false;
let state = "";
const waiting = [];
const replies = new Map();
let nextId = 1;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function say(text) {
  notice.hidden = !text;
  notice.textContent = text || "";
}

function ask(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    replies.set(id, { resolve, reject });
    worker.postMessage({ id, ...message });
  });
}

async function act(action) {
  if (!ready || busy) {
    waiting.push(action);
    return;
  }
  busy = true;
  try {
    const reply = JSON.parse(await ask({
      kind: "handle", scenario: scenarioId, state, action: JSON.stringify(action),
    }));
    state = reply.state;
    const done = reply.view.phase === "ending";
    progress.save(scenarioId, state, done ? "done" : reply.view.step > 1 ? "started" : "none");
    paint(reply);
    if (reply.notice && (action.do === "restore")) say(reply.notice);
  } catch (error) {
    say("Something went wrong. Press Start again to play from the beginning.");
  } finally {
    busy = false;
    if (waiting.length) act(waiting.shift());
  }
}

function person(view) {
  if (!view.speaker) return null;
  const face = view.speaker.picture
    ? el("img", { class: "cw-face", src: base + view.speaker.picture, alt: "", width: 96, height: 96 })
    : null;
  return el("div", { class: "cw-who" }, [face, el("span", { class: "cw-speaker", text: view.speaker.name })]);
}

function choiceButtons(view) {
  const group = el("div", { class: "cw-choices", role: "group", "aria-label": "What should happen next?" });
  for (const choice of view.choices) {
    group.append(el("button", {
      type: "button", class: "cw-choice", dataset: { do: "choose", index: String(choice.index) },
      text: choice.label,
    }));
  }
  return group;
}

function feedbackPanel(view) {
  const fb = view.feedback;
  return el("div", { class: `cw-feedback cw-${fb.outcome}`, dataset: { outcome: fb.outcome } }, [
    el("p", { class: "cw-you-chose", text: `You chose: ${fb.label}` }),
    el("p", { class: "cw-outcome", text: OUTCOME_WORDS[fb.outcome] || "" }),
    el("p", { class: "cw-feedback-text", text: fb.feedback }),
    el("button", { type: "button", class: "cw-choice cw-next", dataset: { do: "continue" }, text: "Next" }),
  ]);
}

function helpList(helpers) {
  return el("ul", { class: "cw-helpers" }, helpers.map((h) => el("li", {}, [
    el("strong", { text: h.name }),
    h.phone ? el("span", { text: ` (${h.phone})` }) : null,
    el("span", { text: h.text ? `: ${h.text}` : "" }),
  ])));
}

function review(summary) {
  if (!summary) return null;
  const taken = el("ol", { class: "cw-path" }, summary.steps.map((s) => el("li", { dataset: { outcome: s.outcome } }, [
    el("span", { text: s.label }),
    s.safer.length ? el("span", { class: "cw-safer", text: ` Safer: ${s.safer.join(" or ")}` }) : null,
  ])));
  const safer = el("ol", { class: "cw-path" }, summary.safer_path.map((s) => el("li", { text: s.label })));
  return el("div", { class: "cw-review" }, [
    el("div", {}, [el("h3", { text: "What you chose" }), taken]),
    el("div", {}, [el("h3", { text: "The safer path" }), safer]),
  ]);
}

function endingPanel(view, summary) {
  const end = view.ending;
  return el("div", { class: `cw-ending cw-${end.kind}`, dataset: { ending: end.kind } }, [
    el("p", { class: "cw-outcome", text: KIND_WORDS[end.kind] || "" }),
    el("h3", { text: "The safer choice" }),
    el("p", { class: "cw-safer-choice", text: end.safer_choice }),
    el("h3", { text: "Remember" }),
    el("p", { class: "cw-key", text: end.key_message }),
    el("h3", { text: "Who can help" }),
    helpList(end.who_can_help),
    review(summary),
  ]);
}

function paint(reply) {
  const view = reply.view;
  const scene = el("section", {
    class: "cw-scene", id: "cw-scene", "aria-labelledby": "cw-step",
    dataset: { scene: view.scene, phase: view.phase, decidedBy: "python", python: reply.python },
  });
  const heading = el("h2", {
    class: "cw-step", id: "cw-step", tabindex: "-1",
    text: view.phase === "ending" ? "The end" : view.phase === "feedback" ? "How did that go?" : `Part ${view.step}`,
  });
  scene.append(heading);
  if (view.phase === "feedback") {
    scene.append(feedbackPanel(view));
  } else {
    scene.append(person(view) || "", el("p", { class: "cw-text", text: view.text }));
    scene.append(view.phase === "ending" ? endingPanel(view, reply.summary) : choiceButtons(view));
  }
  document.getElementById("cw-scene").replaceWith(scene);
  player.querySelector('[data-do="undo"]').disabled = !view.can_undo;
  heading.focus({ preventScroll: false });
}

function failed(message) {
  engineLine.textContent = message;
  player.dataset.engine = "failed";
}

player.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-do]");
  if (!button || button.disabled) return;
  say("");
  const action = { do: button.dataset.do };
  if (button.dataset.index !== undefined) action.index = Number(button.dataset.index);
  if (action.do === "restart") progress.forget(scenarioId);
  act(action);
});

function start() {
  if (location.protocol === "file:" || !("Worker" in window)) {
    failed("This story can only go past the first part when it is opened through the school's web address (or the Clickwise serve command), not as a file.");
    return;
  }
  worker = new Worker(new URL("engine-worker.js", import.meta.url), { type: "module" });
  worker.onerror = () => failed("This browser could not start the story. Try opening it through the school's web address in an up-to-date browser.");
  worker.onmessage = async (event) => {
    const data = event.data;
    if (data.kind === "ready") {
      await ask({ kind: "load", url: `${base}scenarios/${scenarioId}.json` });
      ready = true;
      player.dataset.python = data.python;
      engineLine.textContent = "The story is ready.";
      const saved = progress.load(scenarioId);
      if (saved && (saved.broken || typeof saved.state !== "string")) {
        progress.forget(scenarioId);
        say("Your saved place could not be used, so the story starts again from the beginning.");
      } else if (saved && saved.state) {
        state = saved.state;
        waiting.length = 0; // the saved place wins over a click on the first scene
        waiting.push({ do: "restore" });
      }
      if (waiting.length) act(waiting.shift());
    } else if (data.kind === "failed") {
      failed("The story could not start on this device. The first part can still be read. Try opening it through the school's web address in an up-to-date browser.");
    } else {
      const pending = replies.get(data.id);
      replies.delete(data.id);
      if (data.ok) pending.resolve(data.answer); else pending.reject(new Error(data.error));
    }
  };
}

start();
