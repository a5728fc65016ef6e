/**
 * A short list of very common passwords (from public breach top lists), compared lower-cased.
 * The list itself is data: common-passwords.json beside this file.
 */
import list from './common-passwords.json' with { type: 'json' };

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(list);
