/**
 * What this browser sends to ask for the free tryout: two SHA-256 digests computed here, so the
 * features themselves never leave the browser (the server keys them again with its own secret,
 * api/src/tryout/keys.ts, and stores only that):
 * - the device: a random id kept in localStorage (the same browser profile);
 * - the fingerprint: stable features that survive clearing storage or a private window — user
 *   agent, languages, screen size and colour depth, time zone, platform, CPU count.
 */
export const TRYOUT_DEVICE_KEY = 'mockroom.tryout.device';

export interface BrowserFeatures {
  userAgent: string;
  languages: readonly string[];
  screen: { width: number; height: number; colorDepth: number };
  timeZone: string;
  platform: string;
  hardwareConcurrency: number;
}

/** The features as one line; the order is fixed so the same browser always gives the same text. */
export function featuresText(f: BrowserFeatures): string {
  return [f.userAgent, f.languages.join(','), `${f.screen.width}x${f.screen.height}x${f.screen.colorDepth}`, f.timeZone, f.platform, String(f.hardwareConcurrency)].join('|');
}

export async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored device id, made on first use; a fresh one each time when storage is refused. */
export function deviceIdFrom(storage: Pick<Storage, 'getItem' | 'setItem'> | null): string {
  let id = storage?.getItem(TRYOUT_DEVICE_KEY) ?? null;
  if (!id) {
    id = crypto.randomUUID();
    try {
      storage?.setItem(TRYOUT_DEVICE_KEY, id);
    } catch {
      // Storage full or refused: the network key still recognises the device.
    }
  }
  return id;
}

function currentFeatures(): BrowserFeatures {
  return {
    userAgent: navigator.userAgent,
    languages: navigator.languages ?? [navigator.language],
    screen: { width: window.screen.width, height: window.screen.height, colorDepth: window.screen.colorDepth },
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? '',
    platform: navigator.platform ?? '',
    hardwareConcurrency: navigator.hardwareConcurrency ?? 0,
  };
}

/** The two digests for POST /api/tryout. */
export async function tryoutDigests(): Promise<{ deviceId: string; fingerprint: string }> {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return { deviceId: await sha256Hex(`device:${deviceIdFrom(storage)}`), fingerprint: await sha256Hex(`features:${featuresText(currentFeatures())}`) };
}
