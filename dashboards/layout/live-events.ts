/**
 * Calls onChange (debounced) whenever /api/events says data landed, live state or OPEL changed
 * or an alert was raised; EventSource reconnects by itself with Last-Event-ID. Returns a stop
 * function.
 */
export function onLiveEvents(onChange: (type: string) => void, debounceMs = 400): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastType = '';
  const schedule = (event: MessageEvent | Event) => {
    lastType = event.type;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => onChange(lastType), debounceMs);
  };
  for (const type of ['data_landed', 'live_changed', 'alert_raised', 'opel_changed', 'reset']) {
    source.addEventListener(type, schedule);
  }
  return () => {
    if (timer) clearTimeout(timer);
    source.close();
  };
}
