// The printable certificate at the end of a story. A name typed here lives only in this page's
// DOM until the page changes: it is never saved (no localStorage, no form, no autofill) and
// never sent anywhere. Printing shows only the certificate (see clickwise.css, @media print).
import { el } from "./screen.js";

function today() {
  return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

/** What the pupil did and learnt, from the engine's summary of this play: the safe choices
 *  they made (none is claimed when there were none), and the safer choice their ending taught. */
function achievements(summary) {
  const safe = summary.verdict.safe;
  return [
    ...(safe.length ? [
      el("p", { text: safe.length === 1 ? "and made this safe choice:" : "and made these safe choices:" }),
      el("ul", { class: "cw-cert-list cw-cert-did" }, safe.map((label) => el("li", { text: label }))),
    ] : []),
    el("p", { text: "and learnt:" }),
    el("p", { class: "cw-cert-learnt", text: summary.ending.safer_choice }),
  ];
}

function card(summary, school, name) {
  return el("div", { class: "cw-certificate", id: "cw-certificate" }, [
    el("p", { class: "cw-cert-heading", text: "Certificate" }),
    el("p", { text: "This is to say that" }),
    name,
    el("p", { text: "finished the Clickwise story" }),
    el("p", { class: "cw-cert-title", text: summary.title }),
    ...achievements(summary),
    el("p", { class: "cw-cert-from", text: `${school}, ${today()}` }),
  ]);
}

/** The certificate section: a name box (optional), the certificate, and a Print button. */
export function certificate(summary, school) {
  const name = el("p", { class: "cw-cert-name" });
  const input = el("input", {
    class: "cw-name-input", id: "cw-name-input", type: "text", autocomplete: "off",
    spellcheck: "false", maxlength: "40", "aria-describedby": "cw-name-help",
  });
  input.addEventListener("input", () => { name.textContent = input.value.trim(); });
  const print = el("button", { type: "button", class: "cw-control cw-print", text: "Print certificate" });
  print.addEventListener("click", () => window.print());
  return el("section", { class: "cw-certificate-area", "aria-labelledby": "cw-cert-title" }, [
    el("h3", { id: "cw-cert-title", text: "Your certificate" }),
    el("label", { for: "cw-name-input", text: "Your name for the certificate" }),
    el("p", { id: "cw-name-help", class: "cw-hint", text: "You can leave it empty and write it by hand. Your name is only printed: it is not saved." }),
    input,
    card(summary, school, name),
    print,
  ]);
}
