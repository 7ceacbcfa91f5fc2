/** The current tab's verdict and scope explanations (owned by the consent-page guard). */
export function CurrentTabVerdict() {
  return <section aria-label="This tab">Checking this tab…</section>;
}
