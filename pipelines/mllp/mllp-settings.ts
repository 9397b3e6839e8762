/** `settings.mllp` in the configuration file. */
export interface MllpSettings {
  /** Addresses that may connect (the integration engine's); absent: any. */
  allowedPeers?: string[];
}

/** Reads `settings.mllp`; throws a one-line error on a value that makes no sense. */
export function mllpSettingsFrom(settings: Record<string, unknown>): MllpSettings {
  const given = (settings.mllp ?? {}) as { allowedPeers?: unknown };
  if (given.allowedPeers === undefined) return {};
  if (
    !Array.isArray(given.allowedPeers) ||
    given.allowedPeers.length === 0 ||
    !given.allowedPeers.every((peer) => typeof peer === 'string' && peer.length > 0)
  )
    throw new Error(
      'settings.mllp.allowedPeers must be a non-empty list of IP addresses, e.g. ["10.0.0.5"]',
    );
  return { allowedPeers: given.allowedPeers as string[] };
}
