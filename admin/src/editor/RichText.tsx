// The article body: Tiptap (ProseMirror) mounted straight into a Preact-managed element, with a toolbar.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import Placeholder from '@tiptap/extension-placeholder';
import { NodeSelection } from '@tiptap/pm/state';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog, Field } from '../components/ui.tsx';
import { Embed, Figure, PullQuote, type FigureAttrs } from './extensions.ts';
import { embedFromUrl } from './embeds.ts';
import { MediaPicker } from './MediaPicker.tsx';
import { FigureFields } from './FigureFields.tsx';

export interface RichTextProps {
  html: string;
  label: string;
  onChange(html: string, text: string): void;
  /** Lets the parent replace the content (restoring a revision, taking the other version in a conflict). */
  editorRef?: { current: Editor | null };
  canUpload: boolean;
}

export function createArticleEditor(element: HTMLElement, html: string, label: string): Editor {
  return new Editor({
    element,
    content: html,
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { target: null, rel: null, class: null },
          isAllowedUri: (url, ctx) => /^(https?:|mailto:|\/)/i.test(url) && ctx.defaultValidate(url),
        },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Figure,
      Embed,
      PullQuote,
      Placeholder.configure({ placeholder: 'Write the story…' }),
    ],
    editorProps: {
      attributes: {
        class: 'article-body prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        spellcheck: 'true',
      },
    },
  });
}

type Modal = null | 'link' | 'image' | 'embed' | 'figure';

export function RichText({ html, label, onChange, editorRef, canUpload }: RichTextProps) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, setTick] = useState(0);
  const [modal, setModal] = useState<Modal>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const ed = createArticleEditor(host.current!, html, label);
    ed.on('transaction', () => setTick((n) => n + 1));
    ed.on('update', () => onChangeRef.current(ed.getHTML(), ed.getText()));
    // Double-click, or Enter on a selected image, opens its details.
    ed.view.dom.addEventListener('dblclick', () => {
      if (ed.isActive('figure')) setModal('figure');
    });
    ed.view.dom.addEventListener('keydown', (e) => {
      const sel = ed.state.selection;
      if (e.key === 'Enter' && sel instanceof NodeSelection && sel.node.type.name === 'figure') {
        e.preventDefault();
        setModal('figure');
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setModal('link');
      }
    });
    setEditor(ed);
    if (editorRef) editorRef.current = ed;
    onChangeRef.current(ed.getHTML(), ed.getText());
    return () => {
      if (editorRef) editorRef.current = null;
      ed.destroy();
    };
    // The editor is created once; later content changes go through editorRef.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const close = () => setModal(null);
  // Back to the editor, where its selection was left, once a dialog has gone.
  const refocus = () => editor?.commands.focus();

  return (
    <div class="richtext">
      {editor ? <Toolbar editor={editor} open={setModal} /> : null}
      <div ref={host} class="richtext-area" />
      {editor ? (
        <>
          <LinkDialog open={modal === 'link'} editor={editor} onClose={close} afterClose={refocus} />
          <EmbedDialog open={modal === 'embed'} editor={editor} onClose={close} afterClose={refocus} />
          <MediaPicker
            open={modal === 'image'}
            canUpload={canUpload}
            onClose={close}
            afterClose={refocus}
            onPick={(attrs) => {
              editor.chain().focus().insertFigure(attrs).run();
              setModal(null);
            }}
          />
          <FigureDialog open={modal === 'figure'} editor={editor} onClose={close} afterClose={refocus} />
        </>
      ) : null}
    </div>
  );
}

function Toolbar({ editor, open }: { editor: Editor; open(m: Modal): void }) {
  const b = (label: string, active: boolean, run: () => void, text: string, shortcut?: string) => (
    <button
      type="button"
      class={`tool ${active ? 'active' : ''}`}
      aria-pressed={active}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-label={label}
      tabIndex={text === '¶' ? 0 : -1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  const c = () => editor.chain().focus();
  const figureSelected = editor.isActive('figure');
  return (
    <div class="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={rovingKeys} onFocusIn={rovingFocus}>
      <div class="tool-group">
        {b('Paragraph', editor.isActive('paragraph'), () => c().setParagraph().run(), '¶')}
        {b('Subhead', editor.isActive('heading', { level: 2 }), () => c().toggleHeading({ level: 2 }).run(), 'H2', 'Ctrl+Alt+2')}
        {b('Minor subhead', editor.isActive('heading', { level: 3 }), () => c().toggleHeading({ level: 3 }).run(), 'H3', 'Ctrl+Alt+3')}
      </div>
      <div class="tool-group">
        {b('Bold', editor.isActive('bold'), () => c().toggleBold().run(), 'B', 'Ctrl+B')}
        {b('Italic', editor.isActive('italic'), () => c().toggleItalic().run(), 'I', 'Ctrl+I')}
        {b('Link', editor.isActive('link'), () => open('link'), 'Link', 'Ctrl+K')}
      </div>
      <div class="tool-group">
        {b('Bulleted list', editor.isActive('bulletList'), () => c().toggleBulletList().run(), '• List')}
        {b('Numbered list', editor.isActive('orderedList'), () => c().toggleOrderedList().run(), '1. List')}
        {b('Quote', editor.isActive('blockquote'), () => c().toggleBlockquote().run(), '“ ”')}
        {b('Pull quote', editor.isActive('pullQuote'), () => c().togglePullQuote().run(), 'Pull quote')}
      </div>
      <div class="tool-group">
        {b('Insert image', false, () => open('image'), 'Image')}
        {figureSelected ? b('Edit image details', false, () => open('figure'), 'Edit image') : null}
        {b('Embed a video or map', false, () => open('embed'), 'Embed')}
      </div>
      <div class="tool-group">
        {b('Undo', false, () => c().undo().run(), '↶', 'Ctrl+Z')}
        {b('Redo', false, () => c().redo().run(), '↷', 'Ctrl+Shift+Z')}
      </div>
    </div>
  );
}

/** One tab stop for the whole toolbar; arrow keys, Home and End move between its buttons (WAI-ARIA toolbar). */
function toolButtons(bar: HTMLElement): HTMLButtonElement[] {
  return [...bar.querySelectorAll<HTMLButtonElement>('button.tool')];
}

function rovingFocus(e: FocusEvent) {
  const bar = e.currentTarget as HTMLElement;
  for (const b of toolButtons(bar)) b.tabIndex = b === e.target ? 0 : -1;
}

function rovingKeys(e: KeyboardEvent) {
  const bar = e.currentTarget as HTMLElement;
  const list = toolButtons(bar);
  const i = list.indexOf(document.activeElement as HTMLButtonElement);
  if (i === -1) return;
  const next = e.key === 'ArrowRight' ? (i + 1) % list.length : e.key === 'ArrowLeft' ? (i - 1 + list.length) % list.length : e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : -1;
  if (next === -1) return;
  e.preventDefault();
  list[next]!.focus();
}

interface DialogProps {
  open: boolean;
  editor: Editor;
  onClose(): void;
  afterClose(): void;
}

function LinkDialog({ open, editor, onClose, afterClose }: DialogProps) {
  const [href, setHref] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setHref((editor.getAttributes('link').href as string | undefined) ?? '');
      setError(null);
    }
  }, [open, editor]);
  return (
    <Dialog open={open} title="Link" onClose={onClose} afterClose={afterClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const v = href.trim();
          if (!v) {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onClose();
            return;
          }
          const url = /^(https?:|mailto:|\/)/i.test(v) ? v : /@/.test(v) && !/\//.test(v) ? `mailto:${v}` : `https://${v}`;
          try {
            if (!url.startsWith('/')) new URL(url);
          } catch {
            setError('That is not a web address.');
            return;
          }
          const chain = editor.chain().focus().extendMarkRange('link');
          if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: v, marks: [{ type: 'link', attrs: { href: url } }] }).run();
          else chain.setLink({ href: url }).run();
          // Writing goes on after the link: the caret is left there, and the editor takes focus back once the
          // dialog has gone (afterClose).
          editor.commands.setTextSelection(editor.state.selection.to);
          onClose();
        }}
      >
        <Field label="Address" value={href} onValue={setHref} type="text" inputMode="url" placeholder="https://" autoFocus error={error} hint="Leave empty and press Save to remove the link." />
        <div class="buttons">
          <button type="submit" class="primary">
            Save link
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function EmbedDialog({ open, editor, onClose, afterClose }: DialogProps) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setUrl('');
      setError(null);
    }
  }, [open]);
  return (
    <Dialog open={open} title="Embed a video, map or chart" onClose={onClose} afterClose={afterClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const r = embedFromUrl(url);
          if ('error' in r) return setError(r.error);
          editor.chain().focus().insertEmbed(r).run();
          onClose();
        }}
      >
        <Field
          label="Address of the video or player"
          value={url}
          onValue={setUrl}
          inputMode="url"
          placeholder="https://www.youtube.com/watch?v=…"
          autoFocus
          error={error}
          hint="YouTube and Vimeo addresses are turned into their players (YouTube without tracking cookies)."
        />
        <div class="buttons">
          <button type="submit" class="primary">
            Embed
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function FigureDialog({ open, editor, onClose, afterClose }: DialogProps) {
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [src, setSrc] = useState('');
  useEffect(() => {
    if (!open) return;
    const a = editor.getAttributes('figure') as Partial<FigureAttrs>;
    setAlt(a.alt ?? '');
    setCaption(a.caption ?? '');
    setCredit(a.credit ?? '');
    setSrc(a.src ?? '');
  }, [open, editor]);
  return (
    <Dialog open={open} title="Image details" onClose={onClose} afterClose={afterClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          editor.chain().focus().updateFigure({ alt: alt.trim(), caption: caption.trim(), credit: credit.trim() }).run();
          onClose();
        }}
      >
        {src ? <img class="dialog-preview" src={src} alt="" /> : null}
        <FigureFields alt={alt} setAlt={setAlt} caption={caption} setCaption={setCaption} credit={credit} setCredit={setCredit} />
        <div class="buttons">
          <button type="submit" class="primary">
            Save details
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              editor.chain().focus().deleteSelection().run();
              onClose();
            }}
          >
            Remove image
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
