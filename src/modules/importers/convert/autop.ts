// Paragraphs from line breaks, the way WordPress shows classic (pre-block-editor) content: a blank line ends
// a paragraph, a single line break is a <br>, block elements stand on their own and are not wrapped, and
// <pre> is left exactly as it is. Our own implementation of that behaviour. A chunk that is only a token
// \u0002N\u0002 (markup the converter made and set aside) stands on its own too.
const BLOCK =
  'address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|iframe|legend|li|map|math|menu|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul';
const OPEN_BLOCK = new RegExp(`(<(?:${BLOCK})\\b[^>]*>)`, 'gi');
const CLOSE_BLOCK = new RegExp(`(</(?:${BLOCK})>)`, 'gi');
const STARTS_BLOCK = new RegExp(`^</?(?:${BLOCK})\\b`, 'i');
const ONLY_BLOCK_BR = new RegExp(`(</?(?:${BLOCK})\\b[^>]*>)\\s*<br />`, 'gi');
const BR_BEFORE_BLOCK = new RegExp(`<br />(\\s*</?(?:${BLOCK})\\b[^>]*>)`, 'gi');

export function autop(input: string): string {
  let text = input.replace(/\r\n?/g, '\n');
  if (!text.trim()) return '';
  // Set aside what must not change: preformatted text, and comments (the <!--more--> marker among them).
  const kept: string[] = [];
  const keep = (m: string) => `\u0000${kept.push(m) - 1}\u0000`;
  text = text.replace(/<pre\b[\s\S]*?<\/pre>/gi, (m) => `\n\n${keep(m)}\n\n`);
  text = text.replace(/<!--[\s\S]*?-->/g, keep);
  // A line break inside a tag is not a line break of the text.
  text = text.replace(/<[^>]*>/g, (m) => m.replace(/\s*\n\s*/g, ' '));
  text = text.replace(OPEN_BLOCK, '\n\n$1').replace(CLOSE_BLOCK, '$1\n\n');
  const out: string[] = [];
  for (const raw of text.split(/\n\s*\n/)) {
    const chunk = raw.trim();
    if (!chunk) continue;
    if (/^[\u0000\u0002]\d+[\u0000\u0002]$/.test(chunk) || STARTS_BLOCK.test(chunk)) {
      out.push(chunk);
      continue;
    }
    out.push(`<p>${chunk.replace(/\s*\n\s*/g, '<br />\n')}</p>`);
  }
  let html = out.join('\n');
  html = html.replace(ONLY_BLOCK_BR, '$1').replace(BR_BEFORE_BLOCK, '$1');
  return html.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]!);
}
