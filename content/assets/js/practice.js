// Screens and practice: draws the screen a character sees (a generic mock of their device) from
// the engine's view, keeps it in step with each answer, and turns what is done on it into actions
// for the engine. Python decides everything; every authored word goes in through textContent.
// build_scripts/pages/templates/screen.html.j2 draws the same nodes for the first scene: keep them
// alike.
import { el } from "./screen.js";

export const PRACTICE_INTRO = "Try it on the screen. Then press Check.";

function control(c, key, live) {
  const id = `${key}-${c.id}`;
  const off = !live;
  if (c.type === "switch") {
    const input = el("input", { type: "checkbox", role: "switch", id, dataset: { control: c.id }, disabled: off });
    input.checked = c.value === true;
    return el("label", { class: "cw-ctl cw-switch" }, [el("span", { class: "cw-ctl-label", text: c.label }),
      el("span", { class: "cw-switch-state", "aria-hidden": "true" }), input]);
  }
  if (c.type === "choice") {
    return el("fieldset", { class: "cw-ctl cw-radios" }, [el("legend", { class: "cw-ctl-label", text: c.label }),
      ...c.options.map((option) => {
        const input = el("input", { type: "radio", name: id, value: option, dataset: { control: c.id }, disabled: off });
        input.checked = c.value === option;
        return el("label", { class: "cw-option" }, [input, el("span", { text: option })]);
      })]);
  }
  if (c.type === "select") {
    const pick = el("option", { value: "", disabled: true, text: "Pick one" });
    const select = el("select", { id, dataset: { control: c.id }, disabled: off },
      [pick, ...c.options.map((option) => el("option", { value: option, text: option }))]);
    select.value = c.value ?? "";
    if (c.value === null) pick.selected = true;
    return el("label", { class: "cw-ctl cw-select" }, [el("span", { class: "cw-ctl-label", text: c.label }), select]);
  }
  if (c.type === "buttons") {
    return el("div", { class: "cw-ctl cw-buttons", role: "group", "aria-labelledby": `${id}-label` }, [
      el("span", { class: "cw-sr-only", id: `${id}-label`, text: c.label }),
      ...c.options.map((option) => el("button", {
        type: "button", class: "cw-device-button", dataset: { control: c.id, value: option },
        "aria-pressed": String(c.value === option), disabled: off, text: option,
      }))]);
  }
  return el("button", {
    type: "button", class: `cw-ctl ${c.type === "tell" ? "cw-tell" : "cw-device-button"}`, id,
    dataset: { control: c.id }, "aria-pressed": String(c.value === true), disabled: off, text: c.label,
  });
}

/** The screen (and any "tell a grown-up" buttons beside it) as DOM nodes; `key` keeps ids unique. */
export function device(screen, key) {
  const onScreen = screen.controls.filter((c) => c.type !== "tell");
  const offScreen = screen.controls.filter((c) => c.type === "tell");
  const words = [
    el("p", { class: "cw-device-title", id: `${key}-title`, "data-read": "" },
      [el("span", { class: "cw-sr-only", text: "On the screen: " }), screen.title]),
    screen.from ? el("p", { class: "cw-device-from", "data-read": "" }, [
      el("span", { class: "cw-avatar", "aria-hidden": "true", text: screen.from.slice(0, 1) }),
      el("span", { class: "cw-device-name", text: screen.from })]) : null,
    screen.photo ? el("p", { class: "cw-device-photo", "data-read": "" },
      [el("span", { class: "cw-photo-tag", text: "Photo: " }), screen.photo]) : null,
    screen.text ? el("p", { class: "cw-device-text", "data-read": "", text: screen.text }) : null,
    screen.messages.length ? el("ul", { class: "cw-device-messages", "aria-label": screen.kind === "post" ? "Comments" : "Messages" },
      screen.messages.map((m) => el("li", { "data-read": "" }, [
        el("span", { class: "cw-message-from", text: m.from }), " ", el("span", { class: "cw-message-text", text: m.text })]))) : null,
    onScreen.length ? el("div", { class: "cw-device-controls" }, onScreen.map((c) => control(c, key, screen.live))) : null,
  ];
  const drawn = document.createDocumentFragment();
  drawn.append(el("div", { class: "cw-device", dataset: { kind: screen.kind } }, [
    el("div", { class: "cw-device-screen", role: "group", "aria-labelledby": `${key}-title` }, words)]));
  if (offScreen.length) {
    drawn.append(el("div", { class: "cw-offscreen" }, [el("p", { class: "cw-offscreen-title", text: "Off the screen:" }),
      ...offScreen.map((c) => control(c, key, screen.live))]));
  }
  return drawn;
}

function said(answer) {
  return el("div", { class: `cw-said${answer.outcome ? ` cw-${answer.outcome}` : ""}` }, [
    el("p", { class: "cw-said-words", text: answer.line }),
    answer.feedback ? el("p", { class: "cw-said-feedback", text: answer.feedback }) : null,
  ]);
}

function checked(practice) {
  const { met, unmet } = practice.check;
  const total = met.length + unmet.length;
  return el("div", { class: `cw-checked ${unmet.length ? "cw-unsure" : "cw-safe"}`, dataset: { unmet: String(unmet.length) } }, [
    el("p", { class: "cw-outcome", text: unmet.length ? `${met.length} of ${total} done` : "All done!" }),
    el("ul", { class: "cw-check-list" }, [
      ...met.map((m) => el("li", { dataset: { met: "yes" } }, [
        el("span", { class: "cw-check-mark", text: "Done: " }), m.line, m.feedback ? ` ${m.feedback}` : ""])),
      ...unmet.map((u) => el("li", { dataset: { met: "no" } }, [
        el("span", { class: "cw-check-mark", text: "To do: " }), u.todo, u.feedback ? ` ${u.feedback}` : ""])),
    ]),
    practice.hint ? el("p", { class: "cw-hint-line" }, [el("strong", { text: "Hint: " }), practice.hint]) : null,
    unmet.length ? null : el("p", { text: "Press Go on." }),
  ]);
}

function goal(practice) {
  return el("div", { class: "cw-goal" }, [
    el("p", { class: "cw-goal-title", text: "The goal" }),
    el("ul", {}, practice.goal.map((g) => el("li", { text: g.line }))),
  ]);
}

/** What the practice says now: the answer to the last change, the last check, the goal. */
function answer(view) {
  const practice = view.practice;
  return [practice.last === "set" ? said(practice.said) : null, practice.check ? checked(practice) : null,
    practice.goal ? goal(practice) : null].filter(Boolean);
}

/** The whole practice: the screen, Check and Go on, and what the engine said. */
export function practicePanel(view, key) {
  const parts = answer(view);
  return el("div", { class: "cw-practice", dataset: { scene: view.scene, turn: String(view.practice.turn) } }, [
    el("p", { class: "cw-practice-intro", text: PRACTICE_INTRO }),
    device(view.screen, key),
    el("div", { class: "cw-practice-buttons" }, [
      el("button", { type: "button", class: "cw-choice cw-check-button", dataset: { do: "check" }, text: "Check" }),
      el("button", { type: "button", class: "cw-control cw-go-on", dataset: { do: "continue" }, text: "Go on" }),
    ]),
    el("div", { class: "cw-practice-answer", hidden: parts.length ? undefined : "" }, parts),
  ]);
}

/** Bring a drawn practice in line with `view` without redrawing it (focus stays where it is).
 *  With `controls` false (more answers are on their way) the controls keep what the pupil has
 *  done since, and only the words change. False when `root` does not show this practice. */
export function updatePractice(root, view, controls = true) {
  const panel = root?.querySelector(".cw-practice");
  if (!view.practice || !panel || panel.dataset.scene !== view.scene) return false;
  for (const c of controls ? view.screen.controls : []) {
    for (const node of panel.querySelectorAll(`[data-control="${CSS.escape(c.id)}"]`)) {
      if (node.type === "checkbox") node.checked = c.value === true;
      else if (node.type === "radio") node.checked = node.value === c.value;
      else if (node.tagName === "SELECT") node.value = c.value ?? "";
      else if (node.dataset.value !== undefined) node.setAttribute("aria-pressed", String(node.dataset.value === c.value));
      else node.setAttribute("aria-pressed", String(c.value === true));
    }
  }
  const parts = answer(view);
  const area = panel.querySelector(".cw-practice-answer");
  area.replaceChildren(...parts);
  area.hidden = parts.length === 0;
  panel.dataset.turn = String(view.practice.turn);
  return true;
}

/** The action for a change or a press on a screen's control, or null. A button shows its
 *  press at once; the engine's answer then confirms it. */
export function actionFrom(event) {
  const node = event.target.closest?.("[data-control]");
  if (!node || node.disabled) return null;
  const control = node.dataset.control;
  if (event.type === "change" && node.type === "checkbox") return { do: "set", control, value: node.checked };
  if (event.type === "change" && (node.type === "radio" || node.tagName === "SELECT")) return { do: "set", control, value: node.value };
  if (event.type !== "click" || node.tagName !== "BUTTON") return null;
  if (node.dataset.value === undefined) {
    const value = node.getAttribute("aria-pressed") !== "true";
    node.setAttribute("aria-pressed", String(value));
    return { do: "set", control, value };
  }
  for (const other of node.parentElement.querySelectorAll("[data-value]")) {
    other.setAttribute("aria-pressed", String(other === node));
  }
  return { do: "set", control, value: node.dataset.value };
}

/** What the live region says after an action on the practice. */
export function practiceAnnouncement(view, action) {
  const practice = view.practice;
  if (action.do === "undo") return "Your last change was taken back.";
  if (practice.last === "set") return [practice.said.line, practice.said.feedback].filter(Boolean).join(" ");
  if (practice.last === "check") {
    const { met, unmet } = practice.check;
    if (!unmet.length) return "All done! Press Go on.";
    return [`${met.length} of ${met.length + unmet.length} done.`, "Still to do:", ...unmet.map((u) => u.todo),
      practice.hint ? `Hint: ${practice.hint}` : ""].filter(Boolean).join(" ");
  }
  return "";
}
