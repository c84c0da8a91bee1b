import type { CompiledTemplate } from './template-compiler.js';

/**
 * Which templates could match an utterance, found without trying them: a template is a
 * candidate when each of its required clauses (word alternatives it cannot match without)
 * has a word in the utterance. Templates are listed under the words of their rarest clause;
 * each distinct clause has a number, and the utterance's words mark the clauses they satisfy,
 * so checking a template is a few integer comparisons instead of string lookups per word.
 */
export class TemplateIndex {
  private readonly byWord = new Map<string, CompiledTemplate[]>();
  private readonly always: CompiledTemplate[] = [];
  private readonly clausesByWord = new Map<string, number[]>();
  private readonly clausesOf: number[][];
  /** Per clause and per template, the last run that marked or looked at it. */
  private readonly satisfied: Uint32Array;
  private readonly seen: Uint32Array;
  private run = 0;

  constructor(private readonly templates: readonly CompiledTemplate[]) {
    const clauseIds = new Map<string, number>();
    this.clausesOf = templates.map((template) =>
      template.requiredClauses.map((clause) => {
        const key = [...clause].sort().join(' ');
        let id = clauseIds.get(key);
        if (id === undefined) {
          id = clauseIds.size;
          clauseIds.set(key, id);
          for (const word of new Set(clause))
            this.clausesByWord.set(word, [...(this.clausesByWord.get(word) ?? []), id]);
        }
        return id;
      }),
    );
    this.satisfied = new Uint32Array(clauseIds.size);
    this.seen = new Uint32Array(templates.length);
    this.listByRarestClause();
  }

  private listByRarestClause(): void {
    const frequency = new Map<string, number>();
    for (const template of this.templates) {
      for (const word of new Set(template.requiredClauses.flat()))
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
    const cost = (clause: readonly string[]) => clause.reduce((sum, word) => sum + frequency.get(word)!, 0);
    for (const template of this.templates) {
      const [rarest] = [...template.requiredClauses].sort((a, b) => cost(a) - cost(b));
      if (!rarest) this.always.push(template);
      for (const word of rarest ?? []) this.byWord.set(word, [...(this.byWord.get(word) ?? []), template]);
    }
  }

  /** Templates listed under no word: tried for every utterance (none, in the shipped catalogue). */
  get unindexed(): number {
    return this.always.length;
  }

  private nextRun(): number {
    this.run = (this.run + 1) >>> 0;
    if (this.run === 0) {
      this.satisfied.fill(0);
      this.seen.fill(0);
      this.run = 1;
    }
    return this.run;
  }

  /** The candidates for these tokens, each once, in catalogue order (a template's `order` is its index). */
  candidates(tokens: readonly string[]): CompiledTemplate[] {
    const run = this.nextRun();
    for (const token of tokens)
      for (const clause of this.clausesByWord.get(token) ?? []) this.satisfied[clause] = run;
    const picked: number[] = [];
    const consider = (template: CompiledTemplate) => {
      if (this.seen[template.order] === run) return;
      this.seen[template.order] = run;
      if (this.clausesOf[template.order]!.every((clause) => this.satisfied[clause] === run))
        picked.push(template.order);
    };
    for (const template of this.always) consider(template);
    for (const token of tokens) for (const template of this.byWord.get(token) ?? []) consider(template);
    picked.sort((a, b) => a - b);
    return picked.map((order) => this.templates[order]!);
  }
}
