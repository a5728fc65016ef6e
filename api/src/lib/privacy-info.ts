/**
 * The privacy page's facts, derived from the running configuration (the same .env feeds the API
 * and the agent: STT_PROVIDER, LLM_PROVIDER, TTS_PROVIDER, LLM_BASE_URL, RESEND_API_KEY), so the
 * page cannot promise "processed on this server" while a hosted provider is configured.
 */
import type { PrivacyInfo } from '@mockroom/core/api-shapes';
import type { Env } from '../env.js';

export const MINIMUM_AGE = 16;

type Processor = PrivacyInfo['processors'][number];

const LOCAL = new Set(['local', 'moonshine', 'pocketsphinx', 'piper', 'flite', 'espeak']);
const VENDORS: Record<string, string> = { openai: 'OpenAI', groq: 'Groq', deepgram: 'Deepgram', elevenlabs: 'ElevenLabs' };

/** The company behind an endpoint, or null when it is this machine. */
export function vendorOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'an unparseable endpoint';
  }
  if (host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]') return null;
  if (host === 'openai.com' || host.endsWith('.openai.com')) return 'OpenAI';
  if (host === 'groq.com' || host.endsWith('.groq.com')) return 'Groq';
  return host;
}

function stage(stageName: Processor['stage'], provider: string, vendor: string | null, what: string, purpose: string): Processor {
  const onThisServer = vendor === null;
  const sentence = onThisServer ? `${what}: processed on this server.` : `${what}: sent to ${vendor} ${purpose}.`;
  return { stage: stageName, provider, onThisServer, vendor, sentence };
}

export function toPrivacyInfo(env: Env): PrivacyInfo {
  const stt = env.STT_PROVIDER ?? 'local';
  const llm = env.LLM_PROVIDER ?? 'local';
  const tts = env.TTS_PROVIDER ?? 'local';
  const sttVendor = LOCAL.has(stt) ? null : (VENDORS[stt] ?? stt);
  const ttsVendor = LOCAL.has(tts) ? null : (VENDORS[tts] ?? tts);
  // The interviewer runs in the agent (LLM_PROVIDER); the CV/JD analysis and the scoring run in the
  // API and use an LLM only when LLM_BASE_URL and LLM_MODEL are both set.
  const agentLlmVendor = llm === 'local' ? null : llm === 'openai-compatible' ? vendorOfUrl(env.LLM_BASE_URL) : (VENDORS[llm] ?? llm);
  const analysisVendor = env.LLM_BASE_URL && env.LLM_MODEL ? vendorOfUrl(env.LLM_BASE_URL) : null;
  const llmVendors = [...new Set([agentLlmVendor, analysisVendor].filter((v): v is string => v !== null))];
  return {
    processors: [
      stage('speech-to-text', stt, sttVendor, 'Speech', 'for transcription'),
      stage('interviewer', llm, llmVendors.length ? llmVendors.join(' and ') : null, 'Your answers, CV and job description', 'to write the questions, the analysis and the feedback'),
      stage('text-to-speech', tts, ttsVendor, "The recruiter's voice", "to turn the recruiter's words into speech (only the recruiter's words, never yours)"),
      stage('email', env.RESEND_API_KEY ? 'resend' : 'outbox', env.RESEND_API_KEY ? 'Resend' : null, 'Email (your address and our messages)', 'for delivery'),
    ],
    audioStored: false,
    usedForTraining: false,
    minimumAge: MINIMUM_AGE,
    retention: {
      accountDeletionGraceDays: env.ACCOUNT_DELETION_GRACE_DAYS,
      analyticsEventsDays: env.EVENTS_RETENTION_DAYS,
      serverLogsDays: env.LOG_RETENTION_DAYS,
      tryoutDays: env.TRYOUT_RETENTION_DAYS,
    },
  };
}
