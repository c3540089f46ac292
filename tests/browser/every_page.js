// The checks tests/browser/test_every_page.py runs inside each page it visits, put into the
// page once with axe-core as window.cwCrawl. Each answers plain data for Python to report.
(() => {
  const clips = (value) => value === "hidden" || value === "clip";
  const scrolls = (value) => value === "auto" || value === "scroll";
  const shown = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });

  /** Whether `box` reaches past `area` sideways (`across`) or up and down (`down`). */
  function beyond(box, area, across, down) {
    return (across && (box.right > area.right + 1 || box.left < area.left - 1))
      || (down && (box.bottom > area.bottom + 1 || box.top < area.top - 1));
  }

  /** A short, readable name for an element: tag, id and first two classes. */
  function describe(el) {
    return el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "")
      + [...el.classList].slice(0, 2).map((c) => `.${c}`).join("");
  }

  /** Whether `el` is inside a clipped box of 1px or less: words for screen readers only. */
  function forScreenReaders(el) {
    for (let box = el; box; box = box.parentElement) {
      const rect = box.getBoundingClientRect();
      const s = getComputedStyle(box);
      const clipped = s.overflowX !== "visible" || s.clipPath !== "none" || s.clip !== "auto";
      if ((rect.width <= 1 || rect.height <= 1) && clipped) return true;
    }
    return false;
  }

  /** The screen as it is now, for judging what can be seen on it. */
  class Sight {
    constructor() {
      this.root = document.documentElement;
      this.view = { left: 0, top: 0, right: this.root.clientWidth, bottom: this.root.clientHeight };
      this.styles = new Map();
      this.scrollers = new Set(); // boxes that scroll, met on the way: they must be in sight
    }

    style(el) {
      if (!this.styles.has(el)) this.styles.set(el, getComputedStyle(el));
      return this.styles.get(el);
    }

    /** Why `box`, drawn inside `from`, cannot be seen or reached; null when it can. */
    why(from, box) {
      for (let el = from; el && el !== this.root && el !== document.body; el = el.parentElement) {
        const s = this.style(el);
        const rect = el.getBoundingClientRect();
        if (beyond(box, rect, clips(s.overflowX), clips(s.overflowY))) {
          return `cut off by ${describe(el)}`;
        }
        if (scrolls(s.overflowX) || scrolls(s.overflowY)) {
          this.scrollers.add(el);
          return null;
        }
        if (s.position === "fixed") {
          // A fixed box wholly off the screen is a closed panel (Material's navigation drawer,
          // opened with the menu button); one partly on it must show all it holds.
          const v = this.view;
          const closed = rect.right <= 0 || rect.left >= v.right
            || rect.bottom <= 0 || rect.top >= v.bottom;
          return !closed && beyond(box, this.view, true, true) ? "off-screen in a fixed box" : null;
        }
      }
      const down = clips(this.style(this.root).overflowY); // a page that cannot scroll down
      return beyond(box, this.view, true, down) ? "beyond the edge of the screen" : null;
    }

    /** Whether the point (x, y) is on the screen and inside every box around `el` that clips. */
    inSight(el, x, y) {
      for (let box = el; box && box !== this.root; box = box.parentElement) {
        const s = this.style(box);
        if (s.overflowX === "visible" && s.overflowY === "visible") continue;
        const r = box.getBoundingClientRect();
        if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
      }
      return x >= 0 && y >= 0 && x <= this.view.right && y <= this.view.bottom;
    }

    /** Whether `el` is what is drawn at (x, y) once it and the boxes around it can be hit:
     * hit-testing passes over boxes that take no pointer, as Material's section title in the
     * menu does, which sticks over the list scrolling under it. */
    onTop(el, x, y) {
      const boxes = [];
      for (let box = el; box && box !== document.body; box = box.parentElement) boxes.push(box);
      const before = boxes.map((box) => box.style.getPropertyValue("pointer-events"));
      boxes.forEach((box) => box.style.setProperty("pointer-events", "auto", "important"));
      const top = document.elementFromPoint(x, y);
      boxes.forEach((box, i) => box.style.setProperty("pointer-events", before[i]));
      return Boolean(top) && (el.contains(top) || top.contains(el));
    }

    /** What is drawn over the text of `range` (in `el`), tested at the middle of its lines. */
    covered(el, range) {
      for (const line of [...range.getClientRects()].slice(0, 3)) {
        const [x, y] = [line.left + line.width / 2, line.top + line.height / 2];
        if (!this.inSight(el, x, y)) continue;
        const top = document.elementFromPoint(x, y);
        if (top && !el.contains(top) && !top.contains(el) && !this.onTop(el, x, y)) {
          return `covered by ${describe(top)}`;
        }
      }
      return null;
    }
  }

  /** The elements under `root` that hold text of their own and are `visible` (by default:
   * drawn, neither transparent nor hidden). */
  function textOwners(root, visible = shown) {
    return [...root.querySelectorAll("*")].filter((el) => [...el.childNodes]
      .some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim()) && visible(el)
      && !forScreenReaders(el));
  }

  /** An element's look, as far as colours go: its own colours and type, and the tag, classes
   * and inline style of each box around it, whose backgrounds it is seen against. Elements with
   * the same look pass or fail the colour rules together. */
  function look(el) {
    const s = getComputedStyle(el);
    const boxes = [];
    for (let box = el; box && box !== document.documentElement; box = box.parentElement) {
      boxes.push(box.tagName + [...box.classList].map((c) => `.${c}`).join("")
        + (box.getAttribute("style") ? `[${box.getAttribute("style")}]` : ""));
    }
    return digest([s.color, s.fontSize, s.fontWeight, s.opacity, ...boxes].join(" "));
  }

  /** A short digest of `text` (cyrb53), so the looks seen can go from page to page cheaply. */
  function digest(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }

  window.cwCrawl = {
    /** The looks (see look()) checked for colours in each scheme, on this page and before. */
    seen: {},

    /** Take the looks earlier pages checked; answers nothing. */
    know(seen) {
      this.seen = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, new Set(v)]));
    },

    /** The looks checked so far, to hand on to the next page. */
    known() {
      return Object.fromEntries(Object.entries(this.seen).map(([k, v]) => [k, [...v]]));
    },

    /** axe's colour rules (`options`) on one piece of text of each look under `within` (null:
     * the page) not checked in `scheme` yet; answers what they found, and remembers the looks. */
    async colours(scheme, within, options) {
      const seen = this.seen[scheme] || (this.seen[scheme] = new Set());
      const fresh = textOwners(document.querySelector(within) || document.body).filter((el) => {
        const its = look(el);
        return !seen.has(its) && seen.add(its);
      });
      return fresh.length ? this.axe({ include: fresh }, options) : [];
    },

    /** The page's links, what it would fetch from another site, and how many slides it has. */
    survey() {
      const fetched = [...document.querySelectorAll(
        "[src], [srcset], [poster], object[data], form[action], link[href]")].flatMap((el) => {
        const srcset = (el.getAttribute("srcset") || "").split(",")
          .map((s) => s.trim().split(/\s+/)[0]);
        const href = el.tagName === "LINK" ? el.getAttribute("href") : null;
        const values = [el.getAttribute("src"), el.getAttribute("poster"), el.getAttribute("data"),
          el.getAttribute("action"), href, ...srcset];
        return values.filter(Boolean).map((value) => new URL(value, document.baseURI))
          .filter((url) => url.protocol.startsWith("http") && url.origin !== location.origin)
          .map((url) => `${el.tagName.toLowerCase()} asks for ${url.href}`);
      });
      return {
        links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
        offSite: fetched,
        slides: document.querySelectorAll("#cw-deck .cw-slides > .cw-slide").length,
      };
    },

    /** Material's light ("default") or dark ("slate") colours through its own control; answers
     * the scheme <body> now shows. */
    scheme(name) {
      const input = document.querySelector(`input[data-md-color-scheme="${name}"]`);
      if (!input.checked) input.click();
      return document.body.dataset.mdColorScheme;
    },

    /** axe-core's serious and critical violations in `context` (null: the whole page). */
    async axe(context, options) {
      const results = await axe.run(context || document, options);
      return results.violations.filter((v) => ["serious", "critical"].includes(v.impact))
        .map((v) => `${v.id} (${v.impact}) at `
          + v.nodes.map((n) => n.target.join(" ")).join(", "));
    },

    /** Press `key` as the keyboard does on a slide deck, then run check `name`; answers the
     * slide on show and what the check found. */
    async onSlide(key, name, ...args) {
      document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      return [document.getElementById("cw-deck").dataset.slide, await this[name](...args)];
    },

    /** On a slide: axe's `rules` on the deck (unless null), then the colour rules on the looks
     * of its text not checked yet in `scheme`. */
    async slide(scheme, rules, colours) {
      const found = rules ? await this.axe("#cw-deck", rules) : [];
      return found.concat(await this.colours(scheme, "#cw-deck", colours));
    },

    /** Wait for the page to lay itself out again (and slide decks to refit) after a resize. */
    settle() {
      return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    },

    /** What a reader cannot see or reach at the window's present size: sideways scrolling of
     * the whole page, and visible text or pictures beyond the screen's edge, cut off by a box
     * that hides its overflow, off-screen in a fixed box, or (text) drawn over. Anything in a
     * box that scrolls (a wide table in its scroll wrapper) can be reached; that box must then
     * itself be in sight. */
    lost() {
      const sight = new Sight();
      const found = [];
      const width = sight.root.scrollWidth;
      if (width > sight.view.right + 1) {
        found.push(`the page scrolls sideways (${width}px in ${sight.view.right}px)`);
      }
      const report = (el, reason, what) => reason
        && found.push(`${reason}: ${describe(el)} "${what.slice(0, 40)}"`);
      const reported = new Set();
      const range = document.createRange();
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const el = node.parentElement;
        if (!node.data.trim() || reported.has(el) || !shown(el) || forScreenReaders(el)) continue;
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        const reason = box.width && box.height && (sight.why(el, box) || sight.covered(el, range));
        if (report(el, reason, node.data.trim())) reported.add(el);
      }
      const pictures = "img, video, canvas, iframe, select, textarea, input:not([type=hidden]),"
        + " svg:not(svg svg)";
      for (const el of document.body.querySelectorAll(pictures)) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || !shown(el) || forScreenReaders(el)) continue;
        const name = el.getAttribute("alt") || el.getAttribute("aria-label") || "";
        report(el, sight.why(el.parentElement, box), name);
      }
      for (const el of sight.scrollers) {
        report(el, sight.why(el.parentElement, el.getBoundingClientRect()), el.textContent.trim());
      }
      return found;
    },

    /** Make the text twice its size, as Chromium's font size setting at 200% does (the root's
     * size, which rem is based on); answers the visible text that did not grow with it. Text
     * that was bigger than the page's body text need only reach twice the body text's size,
     * and text inside `fitted` (a whiteboard's stage, whose type is sized to fill the screen)
     * is left out. Slide decks fit themselves again, as when a page opens at that size. */
    async bigger(fitted) {
      const root = document.documentElement;
      // Text made transparent is still laid out at its size, so it is held to growing too.
      const owners = textOwners(document.body, (el) => el.checkVisibility())
        .filter((el) => !el.closest(fitted));
      // The size on screen: an SVG's text is drawn at its font size times the picture's scale.
      const scale = (el) => (el instanceof SVGGraphicsElement
        ? Math.hypot(el.getScreenCTM().a, el.getScreenCTM().b) : 1);
      const size = (el) => parseFloat(getComputedStyle(el).fontSize) * scale(el);
      const typeset = document.querySelector(".md-typeset") || document.body;
      const body = parseFloat(getComputedStyle(typeset).fontSize);
      const before = owners.map(size);
      root.style.fontSize = `${2 * parseFloat(getComputedStyle(root).fontSize)}px`;
      window.dispatchEvent(new Event("resize"));
      await this.settle();
      return owners.map((el, i) => [el, size(el), before[i]])
        .filter(([, now, was]) => now < 1.9 * Math.min(was, body))
        .map(([el, now, was]) => `text grew only from ${was.toFixed(1)}px to ${now.toFixed(1)}px: `
          + `${describe(el)} "${el.textContent.trim().slice(0, 40)}"`);
    },
  };
})();
