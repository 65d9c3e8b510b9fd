// Tags and regions (a region is a tag marked as a place).
import { PageTitle, useLoad } from '../components/ui.tsx';
import { loadTags, type Tag } from '../data.ts';
import { TaxonomyList } from './Taxonomy.tsx';

export function TagsScreen() {
  const list = useLoad((s) => loadTags(s), []);
  return (
    <div class="narrow-page">
      <PageTitle title="Tags and regions">Tags and regions</PageTitle>
      <p class="muted">Regions are tags for places; articles show them apart from topic tags.</p>
      <TaxonomyList<Tag>
        noun="tag"
        endpoint="/api/admin/tags"
        list={list}
        blank={{ name: '', slug: '', description: '', isRegion: false }}
        fields={[
          { name: 'name', label: 'Name' },
          { name: 'slug', label: 'Slug', hint: 'Made from the name when empty.' },
          { name: 'description', label: 'Description', kind: 'textarea' },
          { name: 'isRegion', label: 'This is a region (a place)', kind: 'checkbox' },
        ]}
        describe={(t) => (
          <>
            <strong>{t.name}</strong> {t.isRegion ? <span class="badge region">Region</span> : null}
            <span class="muted small"> /tag/{t.slug}/</span>
            {t.description ? <p class="small">{t.description}</p> : null}
          </>
        )}
        deleteWarning={(t) => `Delete “${t.name}”? Articles lose this tag; its page will answer “gone”.`}
      />
    </div>
  );
}
