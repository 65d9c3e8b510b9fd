// Article HTML as plain text blocks, for side-by-side comparisons (parsed inertly: nothing runs, nothing loads).
export function htmlBlocks(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out: string[] = [];
  const walk = (el: Element) => {
    for (const child of [...el.children]) {
      const tag = child.tagName.toLowerCase();
      if (['p', 'h2', 'h3', 'h4', 'li', 'blockquote', 'aside', 'figcaption'].includes(tag) && !child.querySelector('p, li')) {
        const prefix = tag === 'h2' ? '## ' : tag === 'h3' ? '### ' : tag === 'li' ? '• ' : tag === 'aside' ? '❝ ' : tag === 'figcaption' ? '[Image] ' : '';
        const t = child.textContent?.trim() ?? '';
        if (t) out.push(prefix + t);
      } else if (tag === 'img' && !child.closest('figure')) out.push(`[Image: ${child.getAttribute('alt') || 'no alt text'}]`);
      else if (tag === 'figure' && !child.querySelector('figcaption')) out.push(`[Image: ${child.querySelector('img')?.getAttribute('alt') || 'no alt text'}]`);
      else if (tag === 'iframe') out.push(`[Embed: ${child.getAttribute('src') ?? ''}]`);
      else walk(child);
    }
  };
  walk(doc.body);
  return out;
}
