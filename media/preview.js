// Seed Data Preview: FK links jump to and highlight the parent row; the buttons ask the extension
// for new rows. Loaded with the page's nonce; no other script runs in the page.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  let highlighted = /** @type {Element | null} */ (null);

  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const link = target.closest('a[data-target]');
    if (link) {
      event.preventDefault();
      reveal(link.getAttribute('data-target') || '');
      return;
    }
    const button = target.closest('button[data-action]');
    if (button) {
      vscode.postMessage({ type: button.getAttribute('data-action') });
    }
  });

  /** Scrolls to a row or table and highlights a row. */
  function reveal(id) {
    const element = document.getElementById(id);
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (element.tagName !== 'TR') return;
    if (highlighted) highlighted.classList.remove('highlight');
    element.classList.add('highlight');
    highlighted = element;
    /** @type {HTMLElement} */ (element).focus({ preventScroll: true });
  }
})();
