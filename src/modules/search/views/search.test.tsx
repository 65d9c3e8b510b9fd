// The count line: exact, or "More than" when counting stopped at the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { parseQuery } from '../query.js';
import type { SearchOutcome } from '../operations/searchArticles.js';
import { SearchView } from './search.js';

function page(o: Partial<SearchOutcome>): string {
  const outcome: SearchOutcome = { q: 'oil', query: parseQuery('oil'), mode: 'search', labels: {}, total: 0, totalExact: true, page: 1, pages: 1, items: [], ...o };
  const form = { q: 'oil', tag: '', author: '', from: '', to: '', year: '' };
  return render(<SearchView outcome={outcome} form={form} regions={[]} chips={[]} error={null} prev={null} next={null} />);
}

test('the count says how many matched, or "more than" the cap', () => {
  assert.match(page({ total: 1234, pages: 124 }), /1,234 results for “oil”/);
  assert.match(page({ total: 1, pages: 1 }), /1 result for “oil”/);
  assert.match(page({ total: 1_000, totalExact: false, pages: 100 }), /More than 1,000 results for “oil”/);
});
