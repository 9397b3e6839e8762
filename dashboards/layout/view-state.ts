/** The view a page shows, held in the URL query so a link can be shared. */
export type ViewState = Record<string, string>;

/** The current view: the URL's query over the page's defaults. */
export function readView(defaults: ViewState): ViewState {
  const params = new URLSearchParams(window.location.search);
  const view: ViewState = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const given = params.get(key);
    if (given !== null && given !== '') view[key] = given;
  }
  return view;
}

/** Writes the view into the URL without a reload or a history entry. */
export function writeView(view: ViewState): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) if (value !== '') params.set(key, value);
  window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
}
