// The end of a story, painted from the engine's view and summary. Short for a pupil: what
// happened, an honest verdict that names the risky choices, the safer choice, who can help in
// a few words, the certificate and a way back to the stories; the rest sits behind "For
// grown-ups". A parent's story ends in words for adults, with no certificate. Every authored
// word goes in through textContent; the engine decided the verdict, this only words it.
import { certificate } from "./certificate.js";
import { el } from "./screen.js";

export const OUTCOME_WORDS = { safe: "A safe choice", unsure: "Think again", risky: "There is a safer choice" };

// What the verdict says, by who is reading: a headline for one named choice or for more (the
// choices follow it), and what comes after them.
const VERDICT_WORDS = {
  pupil: {
    safe: { one: "Well done! All your choices were safe." },
    unsure: { one: "Good try. This choice could be safer:", many: "Good try. These choices could be safer:" },
    risky: { one: "One choice was risky:", many: "Some choices were risky:", after: "That is OK. Now you know the safer choice." },
  },
  class: {
    safe: { one: "Well done, everyone! Every choice was safe." },
    unsure: { one: "Good try, everyone. This choice could be safer:", many: "Good try, everyone. These choices could be safer:" },
    risky: { one: "One choice was risky:", many: "Some choices were risky:", after: "That is OK. Now we know the safer choice." },
  },
  parents: {
    safe: { one: "Every choice you made was a safe one." },
    unsure: { one: "One choice could have been safer:", many: "Some choices could have been safer:" },
    risky: { one: "One choice was risky:", many: "Some choices were risky:", after: "The safer choice, and who can help, are below." },
  },
};

/** A phone number as a link that dials it. */
function phoneLink(phone) {
  return el("a", { class: "cw-phone", href: `tel:${phone.replace(/[^\d+]/g, "")}`, text: phone });
}

/** A helper's name: a link to its website when it has one. */
function helperName(helper, name = helper.name) {
  return helper.website
    ? el("a", { class: "cw-helper-name", href: helper.website, text: name })
    : el("strong", { class: "cw-helper-name", text: name });
}

/** Every helper in full: name (linked), phone (to dial), who to tell and what it is for. */
function helpList(helpers) {
  return el("ul", { class: "cw-helpers" }, helpers.map((h) => el("li", { "data-read": "" }, [
    helperName(h),
    h.phone ? el("span", {}, ["Phone ", phoneLink(h.phone)]) : null,
    h.people?.length ? el("span", { text: `You can tell ${h.people.join(", ")}.` }) : null,
    h.text ? el("span", { text: h.text }) : null,
  ])));
}

/** Who a young child can reach themselves, in a few words: a grown-up they trust, and any
 *  service they can phone. Services a grown-up uses for them are under "For grown-ups". */
function fewWords(helpers) {
  const reachable = helpers.filter((h) => h.id === "trusted-adult" || h.phone);
  return el("ul", { class: "cw-helpers cw-helpers-short" }, reachable.map((h) => el("li", { "data-read": "" },
    h.id === "trusted-adult"
      ? [el("strong", { text: "A grown-up you trust" }), h.people?.length ? `, like ${h.people[0]}.` : "."]
      : [helperName(h, h.name.replace(/\s*\(.*\)$/, "")), ": ", phoneLink(h.phone)])));
}

// The choices a verdict names: the risky ones for "risky", the ones to think again about for
// "unsure", none for "safe".
const named = (verdict) => (verdict.kind === "safe" ? [] : verdict[verdict.kind]);

function verdictText(verdict, reader) {
  const words = VERDICT_WORDS[reader][verdict.kind];
  return { headline: named(verdict).length > 1 ? words.many : words.one, after: words.after };
}

/** The verdict, worded for `reader` ("pupil", "class" or "parents"). */
export function verdictPanel(verdict, reader) {
  const { headline, after } = verdictText(verdict, reader);
  return el("div", { class: `cw-verdict cw-${verdict.kind}`, dataset: { verdict: verdict.kind } }, [
    el("p", { class: "cw-outcome", "data-read": "", text: headline }),
    named(verdict).length
      ? el("ul", { class: "cw-verdict-choices" }, named(verdict).map((label) => el("li", { "data-read": "", text: label })))
      : null,
    after ? el("p", { "data-read": "", text: after }) : null,
  ]);
}

function review(summary) {
  const taken = el("ol", { class: "cw-path" }, summary.steps.map((s) => el("li", { dataset: { outcome: s.outcome } }, [
    el("span", { text: s.label }),
    el("span", { class: "cw-path-outcome", text: OUTCOME_WORDS[s.outcome] || "" }),
    s.safer.length ? el("span", { class: "cw-safer", text: `Safer: ${s.safer.join(" Or: ")}` }) : null,
  ])));
  const safer = el("ol", { class: "cw-path" }, summary.safer_path.map((s) => el("li", { dataset: { outcome: "safe" } }, [
    el("span", { text: s.label }),
  ])));
  return el("section", { class: "cw-review", "aria-labelledby": "cw-review-heading" }, [
    el("h3", { id: "cw-review-heading", class: "cw-review-heading", text: "The choices made and the safer path" }),
    el("div", { class: "cw-review-column" }, [el("h4", { text: "The choices made" }), taken]),
    el("div", { class: "cw-review-column" }, [el("h4", { text: "The safer path" }), safer]),
  ]);
}

function part(title, ...body) {
  return [el("h3", { text: title }), ...body];
}

/** "For grown-ups": what the pupil's part leaves out. A KS1 pupil's part is a few words, so
 *  here are the key message and every helper in full; a KS2 pupil has read those already. */
function grownUps(end, summary, ks1) {
  return el("details", { class: "cw-grown-ups" }, [
    el("summary", { text: "For grown-ups" }),
    ...(ks1 ? [...part("Remember", el("p", { class: "cw-key", text: end.key_message })),
      ...part("Who can help", helpList(end.who_can_help))] : []),
    review(summary),
  ]);
}

function anotherStory(stories) {
  return el("a", { class: "cw-another", href: stories, text: "Choose another story" });
}

/** The ending for a pupil: KS1 in a few words, KS2 with a little more, both with the rest
 *  for grown-ups, the certificate, and "Choose another story". */
function pupilEnding(view, summary, { school, stories }) {
  const end = view.ending;
  const ks1 = summary.band === "ks1";
  return [
    el("div", { class: "cw-ending", dataset: { ending: end.kind } }, [
      verdictPanel(summary.verdict, "pupil"),
      ...part("The safer choice", el("p", { class: "cw-safer-choice", "data-read": "", text: end.safer_choice })),
      ...(ks1 ? [] : part("Remember", el("p", { class: "cw-key", "data-read": "", text: end.key_message }))),
      ...part("Who can help", ks1 ? fewWords(end.who_can_help) : helpList(end.who_can_help)),
    ]),
    grownUps(end, summary, ks1),
    certificate(summary, school),
    anotherStory(stories),
  ];
}

/** The ending for a parent or carer: adult words, every helper in full, no certificate. */
function parentEnding(view, summary, { stories }) {
  const end = view.ending;
  return [
    el("div", { class: "cw-ending", dataset: { ending: end.kind } }, [
      verdictPanel(summary.verdict, "parents"),
      ...part("The safer choice", el("p", { class: "cw-safer-choice", "data-read": "", text: end.safer_choice })),
      ...part("Remember", el("p", { class: "cw-key", "data-read": "", text: end.key_message })),
      ...part("Who can help", helpList(end.who_can_help)),
    ]),
    review(summary),
    anotherStory(stories),
  ];
}

/** Everything after the ending's own words. Without a summary (it always comes with an
 *  ending) there is nothing honest to say, so nothing is said. */
export function endingParts(view, summary, where) {
  if (!summary) return [];
  return summary.band === "parents" ? parentEnding(view, summary, where) : pupilEnding(view, summary, where);
}

/** What the live region says about the ending's verdict: its words and the choices it names. */
export function verdictWords(summary, reader) {
  if (!summary) return "";
  const { headline, after } = verdictText(summary.verdict, reader);
  return [headline, ...named(summary.verdict), after].filter(Boolean).join(" ");
}
