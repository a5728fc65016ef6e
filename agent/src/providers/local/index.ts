/**
 * Offline speech providers (the default with no API keys): PocketSphinx STT, Flite TTS and
 * eSpeak NG TTS, all running in-process through koffi on the Debian shared libraries.
 */
import { EspeakEngine } from './espeak-engine.js';
import { FliteEngine, type FliteVoiceName } from './flite-engine.js';
import { PocketSphinxSTT } from './pocketsphinx-stt.js';

export { LocalSpeechEngineError, LocalSpeechUnavailableError } from './errors.js';
export { EspeakTTS, type EspeakTTSOptions } from './espeak-tts.js';
export { FliteTTS, type FliteTTSOptions } from './flite-tts.js';
export { PocketSphinxSTT, type PocketSphinxSTTOptions } from './pocketsphinx-stt.js';

export interface PrewarmLocalSpeechOptions {
  stt?: boolean;
  flite?: boolean | { voice: FliteVoiceName };
  espeak?: boolean | { voice: string };
}

/**
 * Loads the libraries, fills the default PocketSphinx decoder pool and renders a word with each
 * voice so the first real turn pays no start-up cost. Run it in the worker's prewarm.
 * Throws LocalSpeechUnavailableError (naming the Debian package) when an engine is missing.
 */
export async function prewarmLocalSpeech(opts: PrewarmLocalSpeechOptions = {}): Promise<void> {
  const { stt = true, flite = true, espeak = true } = opts;
  const tasks: Promise<unknown>[] = [];
  if (stt) tasks.push(new PocketSphinxSTT().prewarm());
  if (flite) tasks.push(new FliteEngine(typeof flite === 'object' ? flite.voice : 'kal').synthesize('Hello.'));
  if (espeak) tasks.push(new EspeakEngine(typeof espeak === 'object' ? espeak.voice : 'en-us', 160).synthesize('Hello.'));
  await Promise.all(tasks);
}
