// Turns what Python answers (a view, and a summary at an ending) into DOM nodes. Every authored
// word goes in through textContent; nothing here decides anything about the story.
import { endingParts, OUTCOME_WORDS, verdictWords } from "./ending.js";
import { device, PRACTICE_INTRO, practicePanel } from "./practice.js";
import { el } from "./screen.js";

export { OUTCOME_WORDS };

/** The scene's heading row: the speaker's face, the part (or "The end") and their name, side
 *  by side, so the scene's words and choices start high on a tablet or a phone. */
function heading(view, base) {
  const words = { ending: "The end", feedback: "How did that go?" }[view.phase] || `Part ${view.step}`;
  const who = view.phase === "feedback" ? null : view.speaker;
  const face = who?.picture
    ? el("img", { class: "cw-face", src: base + who.picture, alt: "", width: 72, height: 72 })
    : null;
  return el("div", { class: "cw-scene-head" }, [face, el("div", {}, [
    el("h2", { class: "cw-step", id: "cw-step", tabindex: "-1", text: words }),
    who ? el("span", { class: "cw-speaker", text: who.name }) : null,
  ])]);
}

function sceneWords(view, base) {
  return [
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

// A choice that sends the player back to try a part again says so on its button.
const goOnWords = (fb) => (fb.again ? "Try again" : "Next");

function feedbackPanel(view) {
  const fb = view.feedback;
  return el("div", { class: `cw-feedback cw-${fb.outcome}`, dataset: { outcome: fb.outcome } }, [
    el("p", { class: "cw-you-chose", "data-read": "", text: `You chose: ${fb.label}` }),
    el("p", { class: "cw-outcome", "data-read": "", text: OUTCOME_WORDS[fb.outcome] || "" }),
    el("p", { class: "cw-feedback-text", "data-read": "", text: fb.feedback }),
    el("button", { type: "button", class: "cw-choice cw-next", dataset: { do: "continue" }, text: goOnWords(fb) }),
  ]);
}

/** The whole #cw-scene section for one answer from the engine. `where` holds the page's
 *  base, the school's name and the address of this band's list of stories. */
export function sceneSection(reply, where) {
  const view = reply.view;
  let body;
  if (view.phase === "feedback") body = [feedbackPanel(view)];
  else if (view.phase === "ending") body = [...sceneWords(view, where.base), ...endingParts(view, reply.summary, where)];
  else if (view.practice) body = [...sceneWords(view, where.base), practicePanel(view, `cw-${view.scene}`)];
  else body = [...sceneWords(view, where.base), choiceButtons(view)];
  return el("section", {
    class: "cw-scene", id: "cw-scene", "aria-labelledby": "cw-step",
    dataset: { scene: view.scene, phase: view.phase, decidedBy: "python", python: reply.python },
  }, [heading(view, where.base), ...body]);
}

const sentence = (words) => (words && !/[.!?"']$/.test(words.trim()) ? `${words.trim()}.` : (words || "").trim());

/** What the polite live region says when this answer appears. */
export function announcement({ view, summary }) {
  const who = view.speaker ? sentence(view.speaker.name) : "";
  const reader = summary?.band === "parents" ? "parents" : "pupil";
  const parts = {
    feedback: () => [`You chose: ${sentence(view.feedback.label)}`, sentence(OUTCOME_WORDS[view.feedback.outcome]),
      sentence(view.feedback.feedback), `Press ${goOnWords(view.feedback)} to go on.`],
    ending: () => ["The end.", who, sentence(view.text), sentence(verdictWords(summary, reader))],
    scene: () => [`Part ${view.step}.`, who, sentence(view.text),
      view.practice ? PRACTICE_INTRO : `There are ${view.choices.length} choices.`],
  }[view.phase]();
  return parts.filter(Boolean).join(" ");
}
