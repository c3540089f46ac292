// Turns what Python answers (a view, and a summary at an ending) into DOM nodes. Every authored
// word goes in through textContent; nothing here decides anything about the story.
import { certificate } from "./certificate.js";
import { device, PRACTICE_INTRO, practicePanel } from "./practice.js";
import { el } from "./screen.js";

export const OUTCOME_WORDS = { safe: "A safe choice", unsure: "Think again", risky: "There is a safer choice" };
const KIND_WORDS = { safe: "Well done", unsure: "Good try", risky: "Everyone got help" };

function heading(view) {
  const words = { ending: "The end", feedback: "How did that go?" }[view.phase] || `Part ${view.step}`;
  return el("h2", { class: "cw-step", id: "cw-step", tabindex: "-1", text: words });
}

function person(view, base) {
  if (!view.speaker) return null;
  const face = view.speaker.picture
    ? el("img", { class: "cw-face", src: base + view.speaker.picture, alt: "", width: 112, height: 112 })
    : null;
  return el("div", { class: "cw-who" }, [face, el("span", { class: "cw-speaker", text: view.speaker.name })]);
}

function sceneWords(view, base) {
  return [
    person(view, base),
    view.picture ? el("img", { class: "cw-picture", src: base + view.picture, alt: "" }) : null,
    el("p", { class: "cw-text", "data-read": "", text: view.text }),
    view.screen && !view.practice ? device(view.screen, `cw-${view.scene}`) : null,
  ];
}

function choiceButtons(view) {
  return el("div", { class: "cw-choices", role: "group", "aria-label": "What should happen next?" },
    view.choices.map((choice) => el("button", {
      type: "button", class: "cw-choice", "data-read": "",
      dataset: { do: "choose", index: String(choice.index) }, text: choice.label,
    })));
}

function feedbackPanel(view) {
  const fb = view.feedback;
  return el("div", { class: `cw-feedback cw-${fb.outcome}`, dataset: { outcome: fb.outcome } }, [
    el("p", { class: "cw-you-chose", "data-read": "", text: `You chose: ${fb.label}` }),
    el("p", { class: "cw-outcome", "data-read": "", text: OUTCOME_WORDS[fb.outcome] || "" }),
    el("p", { class: "cw-feedback-text", "data-read": "", text: fb.feedback }),
    el("button", { type: "button", class: "cw-choice cw-next", dataset: { do: "continue" }, text: "Next" }),
  ]);
}

function helpList(helpers) {
  return el("ul", { class: "cw-helpers" }, helpers.map((h) => el("li", { "data-read": "" }, [
    el("strong", { class: "cw-helper-name", text: h.name }),
    h.phone ? el("span", { class: "cw-phone", text: `Phone ${h.phone} (free)` }) : null,
    h.people?.length ? el("span", { text: `You can tell ${h.people.join(", ")}.` }) : null,
    h.text ? el("span", { text: h.text }) : null,
  ])));
}

function review(summary) {
  if (!summary) return null;
  const taken = el("ol", { class: "cw-path" }, summary.steps.map((s) => el("li", { dataset: { outcome: s.outcome } }, [
    el("span", { text: s.label }),
    el("span", { class: "cw-path-outcome", text: OUTCOME_WORDS[s.outcome] || "" }),
    s.safer.length ? el("span", { class: "cw-safer", text: `Safer: ${s.safer.join(" Or: ")}` }) : null,
  ])));
  const safer = el("ol", { class: "cw-path" }, summary.safer_path.map((s) => el("li", { dataset: { outcome: "safe" } }, [
    el("span", { text: s.label }),
  ])));
  return el("section", { class: "cw-review", "aria-labelledby": "cw-review-heading" }, [
    el("h3", { id: "cw-review-heading", class: "cw-review-heading", text: "Your path and the safer path" }),
    el("div", { class: "cw-review-column" }, [el("h4", { text: "What you chose" }), taken]),
    el("div", { class: "cw-review-column" }, [el("h4", { text: "The safer path" }), safer]),
  ]);
}

function endingPanel(view) {
  const end = view.ending;
  return el("div", { class: `cw-ending cw-${end.kind}`, dataset: { ending: end.kind } }, [
    el("p", { class: "cw-outcome", "data-read": "", text: KIND_WORDS[end.kind] || "" }),
    el("h3", { text: "The safer choice" }),
    el("p", { class: "cw-safer-choice", "data-read": "", text: end.safer_choice }),
    el("h3", { text: "Remember" }),
    el("p", { class: "cw-key", "data-read": "", text: end.key_message }),
    el("h3", { text: "Who can help" }),
    helpList(end.who_can_help),
  ]);
}

/** The whole #cw-scene section for one answer from the engine. */
export function sceneSection(reply, { base, school }) {
  const view = reply.view;
  let body;
  if (view.phase === "feedback") body = [feedbackPanel(view)];
  else if (view.phase === "ending") {
    body = [...sceneWords(view, base), endingPanel(view), review(reply.summary),
      reply.summary && certificate(reply.summary, school)];
  } else if (view.practice) body = [...sceneWords(view, base), practicePanel(view, `cw-${view.scene}`)];
  else body = [...sceneWords(view, base), choiceButtons(view)];
  return el("section", {
    class: "cw-scene", id: "cw-scene", "aria-labelledby": "cw-step",
    dataset: { scene: view.scene, phase: view.phase, decidedBy: "python", python: reply.python },
  }, [heading(view), ...body]);
}

const sentence = (words) => (words && !/[.!?"']$/.test(words.trim()) ? `${words.trim()}.` : (words || "").trim());

/** What the polite live region says when this view appears. */
export function announcement(view) {
  const who = view.speaker ? sentence(view.speaker.name) : "";
  const parts = {
    feedback: () => [`You chose: ${sentence(view.feedback.label)}`, sentence(OUTCOME_WORDS[view.feedback.outcome]),
      sentence(view.feedback.feedback), "Press Next to go on."],
    ending: () => ["The end.", who, sentence(view.text), sentence(KIND_WORDS[view.ending.kind])],
    scene: () => [`Part ${view.step}.`, who, sentence(view.text),
      view.practice ? PRACTICE_INTRO : `There are ${view.choices.length} choices.`],
  }[view.phase]();
  return parts.filter(Boolean).join(" ");
}
