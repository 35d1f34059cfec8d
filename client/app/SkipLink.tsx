/**
 * "Skip to main content": the first thing the Tab key reaches on every signed-in screen, so keyboard and
 * switch users need not pass the whole top bar and navigation on each screen. Focus moves to the
 * screen's <main> without changing the address (the router owns the URL; a #fragment would be a
 * navigation).
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(e) => {
        const main = document.querySelector<HTMLElement>("main");
        if (!main) return;
        e.preventDefault();
        main.tabIndex = -1;
        main.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
