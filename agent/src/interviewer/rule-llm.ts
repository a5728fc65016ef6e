/**
 * The offline "LLM": the rule-based interviewer behind the framework's `llm.LLM` interface, so
 * the AgentSession drives it exactly like a cloud model (turn handling, interruptions, metrics).
 * It streams its reply one sentence per chunk, so TTS starts on the first sentence at once.
 */
import { DEFAULT_API_CONNECT_OPTIONS, llm, type APIConnectOptions } from '@livekit/agents';
import { InterviewBrain, type InterviewerReply } from './brain.js';

type ChatArgs = Parameters<llm.LLM['chat']>[0];

export interface RuleInterviewerEvents {
  /** Called once per decision, before its sentences stream (the wiring tags turns with it). */
  onReply?: (reply: InterviewerReply) => void;
}

export class RuleInterviewerLLM extends llm.LLM {
  readonly brain: InterviewBrain;
  private readonly events: RuleInterviewerEvents;
  /** Decisions by user-message id: a retried generation for the same turn gets the same reply. */
  private readonly decided = new Map<string, InterviewerReply>();
  private lastReply: InterviewerReply | null = null;

  constructor(brain: InterviewBrain, events: RuleInterviewerEvents = {}) {
    super();
    this.brain = brain;
    this.events = events;
  }

  label(): string {
    return 'mockroom.RuleInterviewer';
  }

  override get model(): string {
    return 'rule-based-interviewer';
  }

  override get provider(): string {
    return 'mockroom';
  }

  /** The most recent decision (tests and the wiring read which question is live). */
  get lastDecision(): InterviewerReply | null {
    return this.lastReply;
  }

  chat({ chatCtx, toolCtx, connOptions = DEFAULT_API_CONNECT_OPTIONS }: ChatArgs): llm.LLMStream {
    return new RuleInterviewerStream(this, { chatCtx, toolCtx, connOptions });
  }

  /** @internal Picks the decision for this chat context. */
  decide(chatCtx: llm.ChatContext): InterviewerReply {
    const items = chatCtx.items;
    let lastUser: llm.ChatMessage | null = null;
    let userAt = -1;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.type !== 'message') continue;
      if (item.role === 'user') {
        lastUser = item;
        userAt = i;
        break;
      }
      if (item.role === 'assistant') break;
    }
    let reply: InterviewerReply;
    if (lastUser) {
      const cached = this.decided.get(lastUser.id);
      if (cached) return cached;
      reply = this.brain.respond(lastUser.textContent ?? '', spokenBefore(items, userAt));
      this.decided.set(lastUser.id, reply);
    } else {
      reply = this.brain.proactive();
    }
    this.lastReply = reply;
    this.events.onReply?.(reply);
    return reply;
  }
}

/**
 * What the recruiter was heard saying between the candidate's previous turn and this one: the
 * session keeps an interrupted reply cut to the words that were played, and a reply interrupted
 * before it played not at all.
 */
function spokenBefore(items: llm.ChatContext['items'], userAt: number): string {
  const said: string[] = [];
  for (let i = userAt - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type !== 'message') continue;
    if (item.role === 'user') break;
    if (item.role === 'assistant') said.unshift(item.textContent ?? '');
  }
  return said.join(' ');
}

class RuleInterviewerStream extends llm.LLMStream {
  private readonly owner: RuleInterviewerLLM;

  constructor(
    owner: RuleInterviewerLLM,
    params: { chatCtx: llm.ChatContext; toolCtx?: ChatArgs['toolCtx']; connOptions: APIConnectOptions },
  ) {
    super(owner, params);
    this.owner = owner;
  }

  protected async run(): Promise<void> {
    const reply = this.owner.decide(this.chatCtx);
    const id = `rule-${Date.now().toString(36)}`;
    for (const sentence of reply.sentences) {
      if (this.abortController.signal.aborted) return;
      this.queue.put({ id, delta: { role: 'assistant', content: `${sentence} ` } });
      // Yield between sentences so the first one reaches TTS before the rest is queued.
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}
