import { tokenizeWords } from './normalize.js';

/** Template words repeat across thousands of expansions: each lexeme is normalised once. */
const LEXEME_WORDS = new Map<string, readonly string[]>();

function wordsOfLexeme(lexeme: string): readonly string[] {
  let words = LEXEME_WORDS.get(lexeme);
  if (!words) {
    words = tokenizeWords(lexeme);
    LEXEME_WORDS.set(lexeme, words);
  }
  return words;
}

/**
 * Parses hassil-style template strings into a syntax tree:
 *   words                    literal words, normalised like utterances ("what's" = "what is")
 *   (a|b c)                  alternatives
 *   [the]                    optional part ([a|an] is an optional alternative)
 *   {kind} / {kind:slot}     a slot of a kind from slot-kinds.ts; slot name defaults to the kind
 *   <rule>                   an expansion rule shared by templates (templates/rules.ts)
 */

export type TemplateNode =
  | { type: 'word'; word: string }
  | { type: 'sequence'; items: TemplateNode[] }
  | { type: 'alternatives'; options: TemplateNode[] }
  | { type: 'optional'; item: TemplateNode }
  | { type: 'slot'; kind: string; slot: string };

export type ExpansionRules = Readonly<Record<string, string>>;

const LEXEME = /\(|\)|\[|\]|\||\{[^}]*\}|<[^>]*>|[^\s()[\]|{}<>]+/g;

class TemplateSyntaxError extends Error {
  constructor(template: string, problem: string) {
    super(`template "${template}": ${problem}`);
    this.name = 'TemplateSyntaxError';
  }
}

class Parser {
  private position = 0;
  private readonly lexemes: string[];

  constructor(
    private readonly template: string,
    private readonly rules: ExpansionRules,
    private readonly ruleStack: readonly string[],
  ) {
    this.lexemes = template.match(LEXEME) ?? [];
  }

  parseAll(): TemplateNode {
    const node = this.parseAlternatives();
    if (this.position < this.lexemes.length) this.fail(`unexpected "${this.lexemes[this.position]}"`);
    return node;
  }

  private fail(problem: string): never {
    throw new TemplateSyntaxError(this.template, problem);
  }

  private parseAlternatives(): TemplateNode {
    const options = [this.parseSequence()];
    while (this.lexemes[this.position] === '|') {
      this.position++;
      options.push(this.parseSequence());
    }
    return options.length === 1 ? options[0]! : { type: 'alternatives', options };
  }

  private parseSequence(): TemplateNode {
    const items: TemplateNode[] = [];
    for (;;) {
      const lexeme = this.lexemes[this.position];
      if (lexeme === undefined || lexeme === '|' || lexeme === ')' || lexeme === ']') break;
      this.position++;
      items.push(...this.parseItem(lexeme));
    }
    return items.length === 1 ? items[0]! : { type: 'sequence', items };
  }

  private parseGroup(close: string): TemplateNode {
    const inner = this.parseAlternatives();
    if (this.lexemes[this.position] !== close) this.fail(`missing "${close}"`);
    this.position++;
    return inner;
  }

  private parseItem(lexeme: string): TemplateNode[] {
    if (lexeme === '(') return [this.parseGroup(')')];
    if (lexeme === '[') return [{ type: 'optional', item: this.parseGroup(']') }];
    if (lexeme.startsWith('{')) return [this.parseSlot(lexeme.slice(1, -1))];
    if (lexeme.startsWith('<')) return [this.expandRule(lexeme.slice(1, -1))];
    if (lexeme === ')' || lexeme === ']') this.fail(`unbalanced "${lexeme}"`);
    return wordsOfLexeme(lexeme).map((word) => ({ type: 'word', word }));
  }

  private parseSlot(reference: string): TemplateNode {
    const [kind, slot = kind] = reference.split(':');
    if (!kind || !slot) this.fail(`empty slot reference {${reference}}`);
    return { type: 'slot', kind, slot };
  }

  private expandRule(name: string): TemplateNode {
    const body = this.rules[name];
    if (body === undefined) this.fail(`unknown rule <${name}>`);
    if (this.ruleStack.includes(name)) this.fail(`rule <${name}> refers to itself`);
    return new Parser(body, this.rules, [...this.ruleStack, name]).parseAll();
  }
}

export function parseTemplate(template: string, rules: ExpansionRules = {}): TemplateNode {
  return new Parser(template, rules, []).parseAll();
}
