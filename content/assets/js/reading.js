// "Read it to me": reads the scene's words and its choices aloud with the browser's own voices,
// one part at a time, marking the part being read. The button only shows when the browser has
// speech and at least one voice (voices often arrive late, with a voiceschanged event).
const READING = "cw-reading";

function englishVoice(speech) {
  const voices = speech.getVoices();
  return voices.find((v) => /^en[-_]GB/i.test(v.lang)) || voices.find((v) => /^en/i.test(v.lang)) || null;
}

/** Wire `button` to read the elements `parts()` returns; answers a function that stops reading. */
export function readAloud(button, parts) {
  const speech = window.speechSynthesis;
  if (!button || !speech || typeof window.SpeechSynthesisUtterance !== "function") return () => {};
  let run = 0;
  let marked = [];

  const show = () => { button.hidden = speech.getVoices().length === 0; };
  if (speech.addEventListener) speech.addEventListener("voiceschanged", show);
  else speech.onvoiceschanged = show;
  show();

  function settle(pressed) {
    button.setAttribute("aria-pressed", String(pressed));
    button.textContent = pressed ? "Stop reading" : "Read it to me";
  }

  function stop() {
    run += 1; // whatever the cancelled utterances report afterwards belongs to an old run
    marked.forEach((node) => node.classList.remove(READING));
    marked = [];
    speech.cancel();
    settle(false);
  }

  function start() {
    const mine = ++run;
    const nodes = parts().filter((node) => node.textContent.trim());
    const voice = englishVoice(speech);
    settle(nodes.length > 0);
    nodes.forEach((node, i) => {
      const words = new SpeechSynthesisUtterance(node.textContent.trim());
      words.lang = voice ? voice.lang : "en-GB";
      if (voice) words.voice = voice;
      words.rate = 0.9;
      words.onstart = () => {
        if (mine !== run) return;
        marked.forEach((other) => other.classList.remove(READING));
        marked = [node];
        node.classList.add(READING);
      };
      words.onend = words.onerror = () => {
        if (mine !== run) return;
        node.classList.remove(READING);
        if (i === nodes.length - 1) stop();
      };
      speech.speak(words);
    });
  }

  button.addEventListener("click", () => {
    if (button.getAttribute("aria-pressed") === "true") stop(); else { speech.cancel(); start(); }
  });
  return stop;
}
