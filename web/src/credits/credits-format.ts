/** Pure helpers for the credits pages: prices, ledger lines, the interview cost, the sign-up extras. */

/** "$12.00" for 1200 usd cents; other currencies by their code. */
export function formatPrice(cents: number, currency: string): string {
  const amount = (cents / 100).toFixed(2);
  return currency.toLowerCase() === 'usd' ? `$${amount}` : `${amount} ${currency.toUpperCase()}`;
}

const KIND_LABELS: Record<string, string> = {
  starting_grant: 'Welcome credits',
  interview: 'Interview',
  refund: 'Refund',
  purchase: 'Purchase',
  referral_inviter: 'Referral reward',
  referral_invited: 'Referral bonus',
};

export function entryLabel(entry: { kind: string; note: string | null }): string {
  const label = KIND_LABELS[entry.kind] ?? entry.kind;
  return entry.note ? `${label} · ${entry.note}` : label;
}

/** "+60" / "−10" with a real minus sign. */
export function signedAmount(amount: number): string {
  return amount > 0 ? `+${amount}` : `\u2212${Math.abs(amount)}`;
}

/** What an interview of this length costs (the server's rule: whole minutes times the rate). */
export function interviewCost(minutes: number, creditsPerMinute: number): number {
  return Math.ceil(minutes) * creditsPerMinute;
}

const DEVICE_KEY = 'mockroom.device-id';
const REF_KEY = 'mockroom.referral-code';

/** The `ref` of a `#/signup?ref=CODE` hash, upper-cased, or null. */
export function referralCodeFromHash(hash: string): string | null {
  const query = hash.split('?', 2)[1] ?? '';
  const ref = new URLSearchParams(query).get('ref')?.trim().toUpperCase() ?? '';
  return /^[A-Z2-9]{8}$/.test(ref) ? ref : null;
}

/**
 * What the sign-up sends for referrals: the code from the link (remembered for the tab, so a
 * detour to sign-in and back keeps it) and this browser's random device id (only its keyed hash is
 * stored by the server).
 */
export function signupCreditFields(hash: string, local: Storage, session: Storage): { ref?: string; deviceId: string } {
  const fromLink = referralCodeFromHash(hash);
  if (fromLink) session.setItem(REF_KEY, fromLink);
  const ref = fromLink ?? session.getItem(REF_KEY) ?? undefined;
  let deviceId = local.getItem(DEVICE_KEY);
  if (!deviceId) {
    deviceId = crypto.randomUUID();
    local.setItem(DEVICE_KEY, deviceId);
  }
  return ref ? { ref, deviceId } : { deviceId };
}

/** The sign-up extras from this browser (window's hash and storage). */
export function browserSignupCreditFields(): { ref?: string; deviceId: string } {
  try {
    return signupCreditFields(window.location.hash, window.localStorage, window.sessionStorage);
  } catch {
    // Storage refused (private mode settings): sign up without the referral extras.
    return {} as { deviceId: string };
  }
}
