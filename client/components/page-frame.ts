/**
 * What every screen gets from the frame without each view asking for it:
 *
 * - The page title names the page: the `<h1>` as shown (so "Audit of CASE-0042", not "Audit" for
 *   every audit), the route's title while there is none, and "Error: " in front while an error
 *   summary is on the page (the GOV.UK pattern: "Error: <page> — Lantern").
 * - A table that scrolls sideways can be reached by keyboard: while its `.table-scroll` box is
 *   narrower than its content the box is a named region in the Tab order (tabindex 0), and
 *   leaves it again when the table fits, so a wide screen has no extra Tab stop (WCAG 2.1.1;
 *   axe's `scrollable-region-focusable`).
 *
 * One MutationObserver on `<main>` does both, at most once a frame: the auditor's form changes the
 * DOM on each keystroke, and the work here is two selector look-ups and a title compare.
 */

const REGION_MARK = 'data-scroll-region';
const SUFFIX = ' — Lantern';

/** The title for a page heading, with "Error: " while a form shows its problems. */
export function pageTitle(heading: string, hasErrors: boolean): string {
  const name = heading.replace(/\s+/g, ' ').trim() || 'Lantern';
  return `${hasErrors ? 'Error: ' : ''}${name}${SUFFIX}`;
}

/** The box scrolls sideways: its content is wider than it (1 px of rounding allowed). */
const overflows = (box: HTMLElement): boolean => box.scrollWidth > box.clientWidth + 1;

function regionName(box: HTMLElement): string {
  const caption = box.querySelector('caption')?.textContent?.replace(/\s+/g, ' ').trim();
  return `${caption || 'Table'} (scrolls sideways)`;
}

/** Put a scrolling box in the Tab order, named, or take it out again when it fits. */
function updateRegion(box: HTMLElement): void {
  const ownTabStop = box.getAttribute(REGION_MARK) === 'added';
  // A box the view already made a region (its own tabindex and name) is the view's to keep.
  if (box.hasAttribute('tabindex') && !ownTabStop) return;
  if (overflows(box)) {
    if (ownTabStop) return;
    box.setAttribute(REGION_MARK, 'added');
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    if (!box.hasAttribute('aria-label') && !box.hasAttribute('aria-labelledby'))
      box.setAttribute('aria-label', regionName(box));
  } else if (ownTabStop) {
    box.removeAttribute(REGION_MARK);
    box.removeAttribute('tabindex');
    box.removeAttribute('role');
  }
}

/**
 * Watch `<main>` for the life of the app. `routeTitle` gives the route's own title, used until
 * the page shows its `<h1>`.
 */
export function watchPageFrame(main: HTMLElement, routeTitle: () => string): void {
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box =
        entry.target instanceof HTMLElement ? entry.target.closest<HTMLElement>('.table-scroll') : null;
      if (box) updateRegion(box);
    }
  });
  const watched = new WeakSet<Element>();
  let queued = false;
  const update = (): void => {
    queued = false;
    const heading = main.querySelector('h1')?.textContent ?? '';
    const title = pageTitle(heading || routeTitle(), main.querySelector('.error-summary') !== null);
    if (document.title !== title) document.title = title;
    for (const box of main.querySelectorAll<HTMLElement>('.table-scroll')) {
      const table = box.firstElementChild;
      if (!watched.has(box)) {
        watched.add(box);
        sizes.observe(box);
      }
      if (table && !watched.has(table)) {
        watched.add(table);
        sizes.observe(table);
      }
    }
  };
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(update);
  }).observe(main, { childList: true, subtree: true, characterData: true });
  update();
}
