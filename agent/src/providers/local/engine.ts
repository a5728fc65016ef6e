/** Mono 16-bit PCM as an engine produced it. */
export interface EnginePcm {
  samples: Int16Array;
  sampleRate: number;
}

/** A speech synthesiser that renders one sentence at a time. */
export interface SpeechEngine {
  readonly model: string;
  synthesize(text: string): Promise<EnginePcm>;
}
