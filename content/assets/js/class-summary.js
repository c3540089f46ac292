// The class summary at the end of class mode: every decision with the class's hands, what the
// class followed and the safer choice, then the ending's lesson and the questions to talk about.
// It is shown on the whiteboard and prints on one A4 page (present.css, @media print).
import { el } from "./screen.js";
import { OUTCOME_WORDS } from "./views.js";

const hands = (n) => `${n} ${n === 1 ? "hand" : "hands"}`;

/** Who can help, in one line for the class: each name, with its phone number. */
export function helpersLine(end) {
  return end.who_can_help.map((h) => h.name + (h.phone && !h.name.includes(h.phone) ? ` (${h.phone})` : "")).join(", ");
}

function handsUp(step, labels) {
  const names = labels[step.scene] || {};
  const counted = Object.entries(step.votes).map(([i, n]) => `${names[i] || `Choice ${Number(i) + 1}`} (${hands(n)})`);
  return counted.length ? counted.join("; ") : "No hands counted";
}

function talkAboutIt(discussion) {
  const questions = discussion.cloneNode(true);
  questions.removeAttribute("id");
  questions.hidden = questions.querySelectorAll("li").length === 0;
  for (const node of questions.querySelectorAll("[id]")) node.removeAttribute("id");
  questions.removeAttribute("aria-labelledby");
  return questions;
}

/** The class summary: on the whiteboard, and printed on A4 for the class's folder. `labels`
 *  names each scene's choices (the engine's summary counts hands by choice number), and
 *  `discussion` is the page's own "Talk about it" section, copied in. */
export function classSummary(summary, { labels, discussion, school }) {
  const rows = summary.steps.map((step, i) => el("tr", { dataset: { outcome: step.outcome } }, [
    el("td", { text: `${i + 1}. ${step.text}` }),
    el("td", { text: handsUp(step, labels) }),
    el("td", { text: `${step.label} (${OUTCOME_WORDS[step.outcome] || step.outcome})` }),
    el("td", { text: step.safer.length ? step.safer.join(" or ") : "This was a safe choice." }),
  ]));
  const head = el("tr", {}, ["Decision", "Hands up", "The class followed", "Safer choice"].map(
    (word) => el("th", { scope: "col", text: word })));
  const end = summary.ending;
  const date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  return [el("div", { class: "cw-class-summary", id: "cw-class-summary" }, [
    el("h2", { text: `Class summary: ${summary.title}` }),
    el("p", { class: "cw-summary-from", text: `${school}, ${date}` }),
    el("table", { class: "cw-summary-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)]),
    end ? el("p", {}, [el("strong", { text: "The safer choice: " }), el("span", { text: end.safer_choice })]) : null,
    end ? el("p", {}, [el("strong", { text: "Remember: " }), el("span", { text: summary.key_message })]) : null,
    end ? el("p", {}, [el("strong", { text: "Who can help: " }), el("span", { text: helpersLine(end) })]) : null,
    talkAboutIt(discussion),
    el("div", { class: "cw-summary-buttons" }, [
      el("button", { type: "button", class: "cw-bar-button cw-bar-main", dataset: { print: "" }, text: "Print the summary" }),
      el("button", { type: "button", class: "cw-bar-button", dataset: { show: "ending" }, text: "Back to the ending" }),
    ]),
  ])];
}
