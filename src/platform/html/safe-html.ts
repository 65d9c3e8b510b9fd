// SafeHtml: the only kind of raw HTML a view may put on a page. Only the sanitiser (and fromStored, for
// bodies that passed the sanitiser on their way into the database) can make one.
declare const safeBrand: unique symbol;
export type SafeHtml = string & { readonly [safeBrand]: true };

/** @internal for sanitizer.ts */
export function brand(html: string): SafeHtml {
  return html as SafeHtml;
}

/** Stored bodies are sanitised on every write path (operations, importers), so reading one back is safe. */
export function fromStored(html: string): SafeHtml {
  return html as SafeHtml;
}

/** Props for a preact element's dangerouslySetInnerHTML that accept SafeHtml only. */
export function rawHtml(html: SafeHtml): { __html: string } {
  return { __html: html };
}
