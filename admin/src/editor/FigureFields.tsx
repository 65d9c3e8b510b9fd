// Alt text, caption and credit of one image in an article.
import { Field } from '../components/ui.tsx';

export function FigureFields(p: { alt: string; setAlt(v: string): void; caption: string; setCaption(v: string): void; credit: string; setCredit(v: string): void }) {
  return (
    <>
      <Field
        label="Alt text"
        value={p.alt}
        onValue={p.setAlt}
        textarea
        rows={2}
        hint="What the image shows, for readers who can't see it. Required before publishing."
        autoFocus
      />
      <Field label="Caption" value={p.caption} onValue={p.setCaption} textarea rows={2} />
      <Field label="Credit" value={p.credit} onValue={p.setCredit} hint="Photographer or agency, e.g. “Photo: Jane Doe / Agency”." />
    </>
  );
}
