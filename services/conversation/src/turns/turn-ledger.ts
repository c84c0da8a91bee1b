import type { ConversationTurnResult, ToolEvent } from '@hark/contracts';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ModelAnswer } from '../llm/model-call.js';
import type { PriceList } from '../llm/prices.js';

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Everything a turn adds up across its rounds: the text streamed so far, tokens and cost per
 * model call, the tool calls made. What the client is told and what metering records both come
 * from here, so they cannot disagree.
 */
export class TurnLedger {
  text = '';
  promptTokens = 0;
  /** Of promptTokens, those the provider served from its prompt cache. */
  cachedTokens = 0;
  completionTokens = 0;
  costMicroUsd = 0;
  model: string | null = null;
  readonly tools: ToolEvent[] = [];
  private roundStarted = false;

  constructor(private readonly prices: PriceList) {}

  /** Marks the start of a model call, so its text is kept apart from the previous round's. */
  startRound(): void {
    this.roundStarted = true;
  }

  /** The delta to send for `text`: a round that follows earlier text starts with a space. */
  addText(text: string): string {
    const needsSpace = this.roundStarted && this.text !== '' && !/\s$/.test(this.text) && !/^\s/.test(text);
    this.roundStarted = false;
    const delta = needsSpace ? ` ${text}` : text;
    this.text += delta;
    return delta;
  }

  /** Counts a finished model call; servers that send no usage chunk are estimated (chars / 4). */
  addAnswer(answer: ModelAnswer, asked: readonly ChatCompletionMessageParam[]): void {
    const said = answer.text + answer.toolCalls.map((call) => call.name + call.arguments).join('');
    const usage = answer.usage ?? {
      promptTokens: estimateTokens(JSON.stringify(asked)),
      completionTokens: estimateTokens(said),
      cachedTokens: 0,
    };
    this.promptTokens += usage.promptTokens;
    this.cachedTokens += usage.cachedTokens;
    this.completionTokens += usage.completionTokens;
    this.costMicroUsd += this.prices.costMicroUsd(answer.model, usage);
    this.model = answer.model;
  }

  usage(): ConversationTurnResult['usage'] {
    return {
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      totalTokens: this.promptTokens + this.completionTokens,
      cachedTokens: this.cachedTokens,
    };
  }
}
