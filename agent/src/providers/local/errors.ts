/**
 * Raised when an offline speech engine cannot start because its Debian package (shared library
 * or model files) is not installed. The message names the package so an operator can fix it.
 */
export class LocalSpeechUnavailableError extends Error {
  override readonly name = 'LocalSpeechUnavailableError';
  readonly debianPackage: string;

  constructor(debianPackage: string, detail: string, options?: { cause?: unknown }) {
    super(`${detail}; install the Debian package '${debianPackage}' (apt-get install ${debianPackage})`, options);
    this.debianPackage = debianPackage;
  }
}

/** Raised when a native engine call fails after it was loaded (bad model file, decoder error). */
export class LocalSpeechEngineError extends Error {
  override readonly name = 'LocalSpeechEngineError';
}
