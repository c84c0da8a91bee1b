/**
 * Replies are spoken. The system prompt asks for plain text, but models still slip into markdown
 * now and then; this removes it so a speaker never reads out asterisks, hashes or URLs.
 */
const rules: [RegExp, string][] = [
  [/```[\s\S]*?```/g, ' '], // code blocks: nothing sensible to say aloud
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // images -> alt text
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // links -> their text
  [/https?:\/\/\S+/g, ''], // bare URLs
  [/`([^`]*)`/g, '$1'], // inline code
  [/(\*\*|__)(.+?)\1/g, '$2'], // bold
  [/\*(\S(?:.*?\S)?)\*/g, '$1'], // italics
  [/(?<!\w)_(\S(?:.*?\S)?)_(?!\w)/g, '$1'], // italics, but not snake_case words
  [/~~(.+?)~~/g, '$1'], // strikethrough
  [/^\s{0,3}#{1,6}\s+/gm, ''], // headings
  [/^\s{0,3}>\s?/gm, ''], // quotes
  [/^\s*(?:[-*+•]|\d+[.)])\s+/gm, ''], // list markers
  [/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$/gm, ''], // table rules
  [/^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$/gm, ''], // table row edges
  [/[ \t]*\|[ \t]*/g, ', '], // table cells
  [/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, ''], // horizontal rules
];

/** Markdown-free text for text-to-speech; several lines (list items) become sentences. */
export function speakable(text: string): string {
  let speech = text;
  for (const [pattern, replacement] of rules) speech = speech.replace(pattern, replacement);
  const lines = speech
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const sentences =
    lines.length > 1 ? lines.map((line) => (/[.!?:;,]$/.test(line) ? line : `${line}.`)) : lines;
  return sentences
    .join(' ')
    .replace(/\s+,/g, ',')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
