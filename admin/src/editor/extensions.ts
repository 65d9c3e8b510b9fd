// Tiptap nodes for what a Broadside article holds beyond StarterKit: pull quotes, images with caption and credit
// (<figure class="image"><picture>…), and embedded players (<div class="embed"><iframe>). Each renders exactly
// the markup the server's sanitiser keeps.
import { Node, mergeAttributes } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pullQuote: {
      togglePullQuote: () => ReturnType;
    };
    figure: {
      insertFigure: (attrs: FigureAttrs) => ReturnType;
      updateFigure: (attrs: Partial<FigureAttrs>) => ReturnType;
    };
    embed: {
      insertEmbed: (attrs: { src: string; title: string }) => ReturnType;
    };
  }
}

export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'inline*',
  defining: true,
  parseHTML() {
    return [{ tag: 'aside.pull-quote' }];
  },
  renderHTML() {
    return ['aside', { class: 'pull-quote' }, 0];
  },
  addCommands() {
    return {
      togglePullQuote:
        () =>
        ({ commands }) =>
          commands.toggleNode(this.name, 'paragraph'),
    };
  },
});

export interface FigureSource {
  type: string;
  srcset: string;
}

export interface FigureAttrs {
  src: string;
  srcset: string | null;
  sizes: string | null;
  sources: FigureSource[];
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  mediaId: number | null;
}

function readFigure(el: HTMLElement): FigureAttrs {
  const img = el.querySelector('img');
  const cap = el.querySelector('figcaption');
  let caption = '';
  let credit = '';
  if (cap) {
    const c = cap.querySelector('.credit');
    credit = c?.textContent?.trim() ?? '';
    const copy = cap.cloneNode(true) as HTMLElement;
    copy.querySelector('.credit')?.remove();
    caption = copy.textContent?.trim() ?? '';
  }
  const num = (v: string | null | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);
  return {
    src: img?.getAttribute('src') ?? '',
    srcset: img?.getAttribute('srcset') ?? null,
    sizes: img?.getAttribute('sizes') ?? null,
    sources: [...el.querySelectorAll('picture > source')].map((s) => ({ type: s.getAttribute('type') ?? '', srcset: s.getAttribute('srcset') ?? '' })).filter((s) => s.srcset),
    alt: img?.getAttribute('alt') ?? '',
    caption,
    credit,
    width: num(img?.getAttribute('width')),
    height: num(img?.getAttribute('height')),
    mediaId: null,
  };
}

const figureAttr = <K extends keyof FigureAttrs>(key: K, def: FigureAttrs[K]) => ({
  default: def,
  parseHTML: (el: HTMLElement) => readFigure(el)[key],
  renderHTML: () => ({}),
});

/** The markup of a figure, as an array ProseMirror's DOMSerializer understands. */
function figureSpec(a: FigureAttrs): any {
  const img: Record<string, string> = { src: a.src, alt: a.alt };
  if (a.srcset) img.srcset = a.srcset;
  if (a.sizes) img.sizes = a.sizes;
  if (a.width) img.width = String(a.width);
  if (a.height) img.height = String(a.height);
  img.loading = 'lazy';
  img.decoding = 'async';
  const picture: any[] = ['picture', {}];
  for (const s of a.sources) picture.push(['source', { type: s.type, srcset: s.srcset, ...(a.sizes ? { sizes: a.sizes } : {}) }]);
  picture.push(['img', img]);
  const out: any[] = ['figure', { class: 'image' }, a.sources.length ? picture : ['img', img]];
  const caption = a.caption.trim();
  const credit = a.credit.trim();
  if (caption || credit) {
    const fc: any[] = ['figcaption', {}];
    if (caption) fc.push(caption + (credit ? ' ' : ''));
    if (credit) fc.push(['span', { class: 'credit' }, credit]);
    out.push(fc);
  }
  return out;
}

export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  priority: 60,
  addAttributes() {
    return {
      src: figureAttr('src', ''),
      srcset: figureAttr('srcset', null),
      sizes: figureAttr('sizes', null),
      sources: figureAttr('sources', []),
      alt: figureAttr('alt', ''),
      caption: figureAttr('caption', ''),
      credit: figureAttr('credit', ''),
      width: figureAttr('width', null),
      height: figureAttr('height', null),
      mediaId: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'figure.image' }, { tag: 'figure', getAttrs: (el) => ((el as HTMLElement).querySelector('img') ? null : false) }];
  },
  renderHTML({ node }) {
    return figureSpec(node.attrs as FigureAttrs);
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'image editor-figure';
      const img = document.createElement('img');
      const cap = document.createElement('figcaption');
      const warn = document.createElement('p');
      warn.className = 'figure-warning';
      dom.append(img, cap, warn);
      const paint = (n: typeof node) => {
        const a = n.attrs as FigureAttrs;
        img.src = a.src;
        img.alt = a.alt;
        img.title = 'Double-click, or select and press Enter, to edit the alt text, caption and credit';
        cap.textContent = [a.caption, a.credit ? `Credit: ${a.credit}` : ''].filter(Boolean).join(' · ') || 'No caption';
        warn.textContent = a.alt.trim() ? '' : 'Alt text missing: needed before publishing.';
        warn.hidden = !!a.alt.trim();
      };
      paint(node);
      return {
        dom,
        update(n) {
          if (n.type.name !== 'figure') return false;
          paint(n);
          return true;
        },
      };
    };
  },
  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ commands }) =>
          // A paragraph after it, so the writer goes on typing (and the next insert doesn't replace the image).
          commands.insertContent([{ type: this.name, attrs }, { type: 'paragraph' }]),
      updateFigure:
        (attrs) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, attrs),
    };
  },
});

export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      src: { default: '', parseHTML: (el: HTMLElement) => el.querySelector('iframe')?.getAttribute('src') ?? '', renderHTML: () => ({}) },
      title: { default: 'Embedded content', parseHTML: (el: HTMLElement) => el.querySelector('iframe')?.getAttribute('title') ?? 'Embedded content', renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [
      { tag: 'div.embed', getAttrs: (el) => ((el as HTMLElement).querySelector('iframe') ? null : false) },
      { tag: 'figure.embed', getAttrs: (el) => ((el as HTMLElement).querySelector('iframe') ? null : false) },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'div',
      mergeAttributes({ class: 'embed' }, HTMLAttributes),
      ['iframe', { src: node.attrs.src, title: node.attrs.title, loading: 'lazy', allow: 'fullscreen; picture-in-picture' }],
    ];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'embed editor-embed';
      const frame = document.createElement('iframe');
      frame.src = node.attrs.src;
      frame.title = node.attrs.title;
      frame.loading = 'lazy';
      frame.tabIndex = -1;
      const label = document.createElement('p');
      label.className = 'embed-label';
      label.textContent = `${node.attrs.title}: ${node.attrs.src}`;
      dom.append(frame, label);
      return { dom };
    };
  },
  addCommands() {
    return {
      insertEmbed:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent([{ type: this.name, attrs }, { type: 'paragraph' }]),
    };
  },
});
