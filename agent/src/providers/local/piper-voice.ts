/**
 * A Piper voice on disk: where scripts/fetch-models.sh puts it and what its `.onnx.json` says
 * (eSpeak voice, phoneme → id map, sample rate, inference scales). No model is loaded here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The voice the set-up fetches (folder under `models/`, file stem inside it). */
export const DEFAULT_PIPER_VOICE = 'en_US-joe-medium';

export class PiperModelMissingError extends Error {
  override name = 'PiperModelMissingError';
}

export interface PiperVoiceConfig {
  sampleRate: number;
  /** eSpeak NG voice whose IPA the model was trained on (e.g. 'en-us'). */
  espeakVoice: string;
  /** Phoneme (one code point) → model ids. */
  phonemeIdMap: ReadonlyMap<string, readonly number[]>;
  /** Phoneme → phonemes, applied before the id map (empty for most voices). */
  phonemeMap: ReadonlyMap<string, readonly string[]>;
  noiseScale: number;
  lengthScale: number;
  noiseW: number;
  numSpeakers: number;
}

export interface PiperVoiceFiles {
  model: string;
  config: string;
}

/** Piper's voice naming: <language>_<REGION>-<name>-<quality>, e.g. en_US-joe-medium. */
export function isPiperVoiceName(name: string): boolean {
  return /^[a-z]{2,3}_[A-Z]{2}-[A-Za-z0-9_]+-(x_low|low|medium|high)$/.test(name);
}

/** `<repo>/models`, found by walking up to the workspace root (works from src/ and from the job bundle). */
export function defaultModelsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'models');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'models');
    dir = parent;
  }
}

/** The files of a voice as fetch-models.sh lays them out: models/piper-<voice>/<voice>.onnx(.json). */
export function piperVoiceFiles(voice = DEFAULT_PIPER_VOICE, modelsDir = defaultModelsDir()): PiperVoiceFiles {
  if (!/^[A-Za-z0-9_.-]+$/.test(voice)) throw new PiperModelMissingError('Piper voice names are letters, digits, _ . and -');
  const dir = join(modelsDir, `piper-${voice}`);
  const files = { model: join(dir, `${voice}.onnx`), config: join(dir, `${voice}.onnx.json`) };
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new PiperModelMissingError(
      `Piper voice files missing (${missing.join(', ')}): run scripts/setup.sh (it fetches them with scripts/fetch-models.sh)`,
    );
  }
  return files;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads a voice's `.onnx.json` (the format Piper's training exports). */
export function parsePiperConfig(json: unknown): PiperVoiceConfig {
  const root = (json ?? {}) as Record<string, unknown>;
  const audio = (root.audio ?? {}) as Record<string, unknown>;
  const espeak = (root.espeak ?? {}) as Record<string, unknown>;
  const inference = (root.inference ?? {}) as Record<string, unknown>;
  if (root.phoneme_type !== undefined && root.phoneme_type !== 'espeak') {
    throw new PiperModelMissingError(`unsupported Piper phoneme_type "${String(root.phoneme_type)}" (only espeak voices are supported)`);
  }
  const idMap = new Map<string, number[]>();
  for (const [phoneme, ids] of Object.entries((root.phoneme_id_map ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(ids) && ids.every((id) => Number.isInteger(id))) idMap.set(phoneme, ids as number[]);
  }
  for (const required of ['_', '^', '$']) {
    if (!idMap.has(required)) throw new PiperModelMissingError(`Piper config has no id for "${required}"`);
  }
  const phonemeMap = new Map<string, string[]>();
  for (const [from, to] of Object.entries((root.phoneme_map ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(to)) phonemeMap.set(from, to.map(String));
  }
  return {
    sampleRate: num(audio.sample_rate, 22_050),
    espeakVoice: typeof espeak.voice === 'string' ? espeak.voice : 'en-us',
    phonemeIdMap: idMap,
    phonemeMap,
    noiseScale: num(inference.noise_scale, 0.667),
    lengthScale: num(inference.length_scale, 1),
    noiseW: num(inference.noise_w, 0.8),
    numSpeakers: num(root.num_speakers, 1),
  };
}

export function readPiperConfig(path: string): PiperVoiceConfig {
  return parsePiperConfig(JSON.parse(readFileSync(path, 'utf8')));
}
