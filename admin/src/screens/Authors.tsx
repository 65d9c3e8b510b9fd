// Bylines. Staff accounts each have one; authors without an account (guest writers) can be added here.
import { PageTitle, useLoad } from '../components/ui.tsx';
import { loadAuthors, type Author } from '../data.ts';
import { TaxonomyList } from './Taxonomy.tsx';

export function AuthorsScreen() {
  const list = useLoad((s) => loadAuthors(s), []);
  return (
    <div class="narrow-page">
      <PageTitle title="Authors">Authors</PageTitle>
      <p class="muted">Every staff member has a byline; guest writers can have one without an account.</p>
      <TaxonomyList<Author>
        noun="author"
        endpoint="/api/admin/authors"
        list={list}
        blank={{ name: '', slug: '', bio: '' }}
        fields={[
          { name: 'name', label: 'Name' },
          { name: 'slug', label: 'Slug', hint: 'Made from the name when empty.' },
          { name: 'bio', label: 'Short biography', kind: 'textarea' },
        ]}
        describe={(a) => (
          <>
            <strong>{a.name}</strong>
            <span class="muted small"> /author/{a.slug}/</span>
            {a.bio ? <p class="small">{a.bio}</p> : null}
          </>
        )}
        deleteWarning={(a) => `Delete the author “${a.name}”?`}
        canDelete={false}
      />
    </div>
  );
}
