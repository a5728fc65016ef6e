import koffi from 'koffi';
import { LocalSpeechUnavailableError } from './errors.js';

/** Opens a shared library by soname, turning a missing library into a named, actionable error. */
export function loadSharedLibrary(soname: string, debianPackage: string): koffi.IKoffiLib {
  try {
    return koffi.load(soname);
  } catch (err) {
    throw new LocalSpeechUnavailableError(debianPackage, `cannot load ${soname}`, { cause: err });
  }
}

export type NativeFunction = ReturnType<koffi.IKoffiLib['func']>;

/** Turns a koffi async call (worker-thread) into a promise. */
export function callAsync<T>(fn: NativeFunction, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    fn.async(...args, (err: unknown, result: T) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Serialises calls into a native engine. The engines keep process-wide state (eSpeak) or are not
 * documented as re-entrant (Flite), so at most one synthesis runs at a time per engine.
 */
export class NativeMutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
