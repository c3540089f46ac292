// Class mode: the whole class plays one scenario on the whiteboard. The teacher counts hands,
// reveals, and follows the class or picks. Python (in the engine worker) keeps the tallies,
// the path and the summary; this script sends the teacher's taps and paints the answers.
import { connect } from "./engine-client.js";
import { actionFrom, device, practicePanel } from "./practice.js";
import { el, fit, fullScreenButton, refitOnResize } from "./screen.js";
import { OUTCOME_WORDS } from "./views.js";

const root = document.getElementById("cw-class");
const stage = document.getElementById("cw-class-stage");
const stepLine = document.getElementById("cw-class-step");
const notice = document.getElementById("cw-class-notice");
const engineLine = document.getElementById("cw-engine");
const discussion = document.getElementById("cw-discussion");
const labels = JSON.parse(document.getElementById("cw-labels").textContent);
const base = root.dataset.base;
const KIND_WORDS = { safe: "Well done, everyone", unsure: "Good try, everyone", risky: "Everyone got help" };
const TIE = "It's a tie, or no hands yet. Tap \"Go with this\" on the choice the class will follow.";

let engine = null;
let last = null;

const hands = (n) => `${n} ${n === 1 ? "hand" : "hands"}`;

function say(text) {
  notice.hidden = !text;
  notice.textContent = text || "";
}

function speakerLine(view) {
  if (!view.speaker) return null;
  const face = view.speaker.picture
    ? el("img", { class: "cw-class-face", src: base + view.speaker.picture, alt: "" }) : null;
  return el("p", { class: "cw-class-who" }, [face, el("span", { text: view.speaker.name })]);
}

function tally(choice, votes, total, revealed) {
  const count = votes[String(choice.index)] || 0;
  const bar = el("span", { class: "cw-tally-bar" });
  bar.style.width = `${total ? Math.round((100 * count) / total) : 0}%`;
  const button = (action, text, aria, disabled) => el("button", {
    type: "button", class: `cw-tally-button${action === "teacher" ? " cw-pick" : ""}`,
    dataset: { do: action, index: String(choice.index) }, "aria-label": `${aria}: ${choice.label}`,
    text, disabled,
  });
  const words = [el("p", { class: "cw-tally-label", text: choice.label })];
  if (revealed) {
    words.push(el("p", { class: "cw-outcome", text: OUTCOME_WORDS[choice.outcome] || "" }),
      el("p", { class: "cw-tally-feedback", text: choice.feedback }));
  }
  return el("li", {
    class: `cw-tally${revealed ? ` cw-${choice.outcome}` : ""}`,
    dataset: { index: String(choice.index), votes: String(count), outcome: choice.outcome || "" },
  }, [
    el("div", { class: "cw-tally-choice" }, words),
    el("div", { class: "cw-tally-chart" }, [el("span", { class: "cw-tally-track" }, [bar]), el("span", { class: "cw-tally-count", text: hands(count) })]),
    el("div", { class: "cw-tally-buttons" }, [
      button("unvote", "\u2212", "Take a hand off", count === 0),
      button("vote", "+", "Add a hand"),
      button("teacher", "Go with this", "Go with this"),
    ]),
  ]);
}

function decision(view) {
  const total = Object.values(view.votes).reduce((a, b) => a + b, 0);
  return [
    speakerLine(view),
    el("p", { class: "cw-class-text", text: view.text }),
    view.practice ? practicePanel(view, `cw-${view.scene}`) : view.screen && device(view.screen, `cw-${view.scene}`),
    el("ul", { class: "cw-tallies", "aria-label": "Hands up for each choice" },
      view.choices.map((c) => tally(c, view.votes, total, view.revealed))),
  ];
}

function followed(view) {
  const fb = view.feedback;
  return [el("div", { class: `cw-class-feedback cw-${fb.outcome}`, dataset: { outcome: fb.outcome } }, [
    el("p", { class: "cw-class-chose", text: `The class chose: ${fb.label}` }),
    el("p", { class: "cw-outcome", text: OUTCOME_WORDS[fb.outcome] || "" }),
    el("p", { class: "cw-class-text", text: fb.feedback }),
    el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { do: "continue" }, text: "Next" }),
  ])];
}

function ending(view) {
  const end = view.ending;
  return [el("div", { class: `cw-class-ending cw-${end.kind}`, dataset: { ending: end.kind } }, [
    el("p", { class: "cw-class-text", text: view.text }),
    el("p", { class: "cw-outcome", text: KIND_WORDS[end.kind] || "" }),
    el("p", {}, [el("strong", { text: "The safer choice: " }), el("span", { text: end.safer_choice })]),
    el("p", {}, [el("strong", { text: "Remember: " }), el("span", { text: end.key_message })]),
    el("p", {}, [el("strong", { text: "Who can help: " }),
      el("span", { text: end.who_can_help.map((h) => h.name).join(", ") })]),
    el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { show: "summary" }, text: "Class summary" }),
  ])];
}

function handsUp(step) {
  const names = labels[step.scene] || {};
  const counted = Object.entries(step.votes).map(([i, n]) => `${names[i] || `Choice ${Number(i) + 1}`} (${hands(n)})`);
  return counted.length ? counted.join("; ") : "No hands counted";
}

function summaryPanel(summary) {
  const rows = summary.steps.map((step, i) => el("tr", { dataset: { outcome: step.outcome } }, [
    el("td", { text: `${i + 1}. ${step.text}` }),
    el("td", { text: handsUp(step) }),
    el("td", { text: `${step.label} (${OUTCOME_WORDS[step.outcome] || step.outcome})` }),
    el("td", { text: step.safer.length ? step.safer.join(" or ") : "This was a safe choice." }),
  ]));
  const head = el("tr", {}, ["Decision", "Hands up", "The class followed", "Safer choice"].map(
    (word) => el("th", { scope: "col", text: word })));
  const questions = discussion.cloneNode(true);
  questions.removeAttribute("id");
  questions.hidden = questions.querySelectorAll("li").length === 0;
  for (const node of questions.querySelectorAll("[id]")) node.removeAttribute("id");
  questions.removeAttribute("aria-labelledby");
  return [el("div", { class: "cw-class-summary", id: "cw-class-summary" }, [
    el("h2", { text: `Class summary: ${summary.title}` }),
    el("table", { class: "cw-summary-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)]),
    summary.ending ? el("p", {}, [el("strong", { text: "Remember: " }), el("span", { text: summary.key_message })]) : null,
    questions,
    el("div", { class: "cw-summary-buttons" }, [
      el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { print: "" }, text: "Print the summary" }),
      el("button", { type: "button", class: "cw-bar-button", dataset: { show: "ending" }, text: "Back to the ending" }),
    ]),
  ])];
}

function paint(reply, screen = "play") {
  const view = reply.view;
  const onSummary = screen === "summary" && reply.summary;
  const parts = onSummary ? summaryPanel(reply.summary)
    : view.phase === "feedback" ? followed(view)
      : view.phase === "ending" ? ending(view) : decision(view);
  const section = el("section", {
    class: "cw-decision", id: "cw-decision", "aria-labelledby": "cw-class-step",
    dataset: { scene: view.scene, phase: onSummary ? "summary" : view.phase, decidedBy: "python", python: reply.python },
  }, parts);
  stage.replaceChildren(section);
  stepLine.textContent = onSummary ? "Summary" : view.phase === "ending" ? "The end"
    : view.phase === "feedback" ? "What happened" : `Decision ${view.step}`;
  const choosing = view.phase === "scene";
  root.querySelector('[data-do="undo"]').disabled = !view.can_undo;
  root.querySelector('[data-do="reveal"]').disabled = !choosing || view.revealed;
  root.querySelector('[data-do="majority"]').disabled = !choosing;
  root.dataset.phase = section.dataset.phase;
  fit(stage, 0.7);
}

async function act(action) {
  try {
    const reply = await engine.act(action);
    last = reply;
    delete root.dataset.needsPick;
    if (reply.notice && action.do === "majority") {
      root.dataset.needsPick = "yes";
      say(TIE);
    } else {
      say(reply.notice ? "That did not work. Try again, or press Start again." : "");
    }
    paint(reply);
  } catch (error) {
    say(root.dataset.engine === "failed" ? engineLine.textContent
      : "Something went wrong. Press Start again to play from the beginning.");
  }
}

root.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button || button.disabled) return;
  if (button.dataset.print !== undefined) window.print();
  else if (button.dataset.show && last) paint(last, button.dataset.show === "summary" ? "summary" : "play");
  else if (button.dataset.do && engine) {
    const action = { do: button.dataset.do };
    if (button.dataset.index !== undefined) action.index = Number(button.dataset.index);
    act(action);
  }
});

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

function start() {
  fullScreenButton(root.querySelector("[data-fullscreen]"));
  refitOnResize(() => fit(stage, 0.7));
  fit(stage, 0.7);
  if (location.protocol === "file:" || !("Worker" in window)) {
    engineLine.textContent = "Class mode only works when Clickwise is opened through the school's web address (or the Clickwise serve command), not as a file.";
    return;
  }
  engine = connect(root.dataset.scenario, `${base}scenarios/${root.dataset.scenario}.json`);
  engine.ready.then((python) => {
    root.dataset.python = python;
    engineLine.textContent = "Class mode is ready.";
  }, () => {
    root.dataset.engine = "failed";
    engineLine.textContent = "Class mode could not start on this device. Try opening it through the school's web address in an up-to-date browser.";
  });
  act({ do: "start" });
}

start();
