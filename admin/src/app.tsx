// Boot: first-run setup, sign-in, or the signed-in shell with its screens.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { getEarly, del, setCsrfToken, setUnauthenticatedHandler, messageOf } from './api.ts';
import { Link, match, navigate, useLocation } from './router.tsx';
import { SessionContext, useSession, atLeast, type SessionState, type Staff } from './session.ts';
import { SetupScreen } from './screens/Setup.tsx';
import { SignInScreen, ResetRequestScreen, ResetConfirmScreen, InviteScreen } from './screens/Auth.tsx';
import { ArticleListScreen } from './screens/Articles.tsx';
import { ArticleEditorScreen, adoptedArticle } from './screens/ArticleEditor.tsx';
import { MediaScreen } from './screens/Media.tsx';
import { TagsScreen } from './screens/Tags.tsx';
import { AuthorsScreen } from './screens/Authors.tsx';
import { PagesScreen, PageEditorScreen } from './screens/Pages.tsx';
import { SettingsScreen } from './screens/Settings.tsx';
import { UsersScreen } from './screens/Users.tsx';
import { AccountScreen } from './screens/Account.tsx';
import { CommentsScreen } from './screens/Comments.tsx';
import { FundingScreen } from './screens/Funding.tsx';
import { ImportScreen } from './screens/Import.tsx';

interface SessionAnswer {
  staff: Staff;
  csrfToken: string;
  mail?: { toFiles?: boolean } | string;
  mailToFiles?: boolean;
}

type Boot =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'setup' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; staff: Staff; mailToFiles: boolean };

const PUBLIC = ['/admin/reset', '/admin/invite', '/admin/forgot'];

export function App() {
  const loc = useLocation();
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  const loadSession = useCallback(async () => {
    try {
      const s = await getEarly<SessionAnswer>('/api/admin/session', { quiet401: true });
      setCsrfToken(s.csrfToken);
      const mailToFiles = !!(s.mailToFiles || (typeof s.mail === 'object' && s.mail?.toFiles) || s.mail === 'files');
      setBoot({ kind: 'signed-in', staff: s.staff, mailToFiles });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 401) {
        setCsrfToken(null);
        setBoot({ kind: 'signed-out' });
      } else setBoot({ kind: 'error', message: messageOf(err) });
    }
  }, []);

  const start = useCallback(async () => {
    try {
      const s = await getEarly<{ needsOwner: boolean }>('/api/admin/setup', { quiet401: true });
      if (s.needsOwner) {
        setBoot({ kind: 'setup' });
        return;
      }
    } catch (err) {
      setBoot({ kind: 'error', message: messageOf(err) });
      return;
    }
    await loadSession();
  }, [loadSession]);

  useEffect(() => {
    void start();
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setBoot({ kind: 'signed-out' });
    });
    return () => setUnauthenticatedHandler(null);
  }, [start]);

  const session = useMemo<SessionState | null>(
    () =>
      boot.kind === 'signed-in'
        ? {
            staff: boot.staff,
            mailToFiles: boot.mailToFiles,
            refresh: loadSession,
            signedOut: () => {
              setCsrfToken(null);
              setBoot({ kind: 'signed-out' });
              navigate('/admin', { force: true, replace: true });
            },
          }
        : null,
    [boot, loadSession],
  );

  if (PUBLIC.some((p) => loc.path === p)) {
    return (
      <main class="auth-page" id="main">
        {loc.path === '/admin/reset' ? (
          <ResetConfirmScreen token={loc.query.get('token') ?? ''} />
        ) : loc.path === '/admin/invite' ? (
          <InviteScreen token={loc.query.get('token') ?? ''} onDone={loadSession} />
        ) : (
          <ResetRequestScreen />
        )}
      </main>
    );
  }

  switch (boot.kind) {
    case 'loading':
      return (
        <main class="auth-page" id="main">
          <p class="status" role="status">
            Loading…
          </p>
        </main>
      );
    case 'error':
      return (
        <main class="auth-page" id="main">
          <h1>The admin could not start</h1>
          <p class="error" role="alert">
            {boot.message}
          </p>
          <button type="button" onClick={() => void start()}>
            Try again
          </button>
        </main>
      );
    case 'setup':
      return (
        <main class="auth-page" id="main">
          <SetupScreen onDone={loadSession} />
        </main>
      );
    case 'signed-out':
      return (
        <main class="auth-page" id="main">
          <SignInScreen onDone={loadSession} />
        </main>
      );
    case 'signed-in':
      return (
        <SessionContext.Provider value={session}>
          <Shell />
        </SessionContext.Provider>
      );
  }
}

interface NavItem {
  href: string;
  label: string;
  show: boolean;
}

function Shell() {
  const loc = useLocation();
  const session = useSession();
  const { staff } = session;
  const [menuOpen, setMenuOpen] = useState(false);
  const nav: NavItem[] = [
    { href: '/admin/articles', label: 'Articles', show: true },
    { href: '/admin/media', label: 'Media', show: true },
    { href: '/admin/comments', label: 'Comments', show: atLeast(staff, 'editor') },
    { href: '/admin/pages', label: 'Pages', show: atLeast(staff, 'editor') },
    { href: '/admin/funding', label: 'Funding', show: atLeast(staff, 'editor') },
    { href: '/admin/tags', label: 'Tags & regions', show: atLeast(staff, 'editor') },
    { href: '/admin/authors', label: 'Authors', show: atLeast(staff, 'editor') },
    { href: '/admin/settings', label: 'Settings', show: atLeast(staff, 'administrator') },
    { href: '/admin/users', label: 'Users', show: atLeast(staff, 'administrator') },
    { href: '/admin/import', label: 'Import', show: atLeast(staff, 'administrator') },
    { href: '/admin/account', label: 'Account', show: true },
  ];
  useEffect(() => setMenuOpen(false), [loc.path]);

  const signOut = async () => {
    try {
      await del('/api/admin/session');
    } finally {
      session.signedOut();
    }
  };

  let screen;
  let m: Record<string, string> | null;
  const p = loc.path;
  if (p === '/admin' || p === '/admin/articles') screen = <ArticleListScreen />;
  else if (p === '/admin/articles/new') screen = <ArticleEditorScreen key="new" id={null} />;
  else if ((m = match('/admin/articles/:id', p)))
    screen = adoptedArticle.id === Number(m.id) ? <ArticleEditorScreen key="new" id={null} /> : <ArticleEditorScreen key={m.id} id={Number(m.id)} />;
  else if (p === '/admin/media') screen = <MediaScreen />;
  else if (p === '/admin/comments') screen = <CommentsScreen />;
  else if (p === '/admin/funding') screen = <FundingScreen />;
  else if (p === '/admin/tags') screen = <TagsScreen />;
  else if (p === '/admin/authors') screen = <AuthorsScreen />;
  else if (p === '/admin/pages') screen = <PagesScreen />;
  else if (p === '/admin/pages/new') screen = <PageEditorScreen key="new" id={null} />;
  else if ((m = match('/admin/pages/:id', p))) screen = <PageEditorScreen key={m.id} id={Number(m.id)} />;
  else if (p === '/admin/settings') screen = <SettingsScreen />;
  else if (p === '/admin/users') screen = <UsersScreen />;
  else if (p === '/admin/account') screen = <AccountScreen />;
  else if (p === '/admin/import') screen = <ImportScreen />;
  else
    screen = (
      <div>
        <h1>Not found</h1>
        <p>
          There is no admin screen at this address. <Link href="/admin/articles">Go to the articles</Link>.
        </p>
      </div>
    );

  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/admin/articles" class="brand">
          Broadside
        </Link>
        <button type="button" class="menu-toggle ghost" aria-expanded={menuOpen} aria-controls="admin-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="admin-nav" class={menuOpen ? 'open' : ''} aria-label="Admin">
          <ul>
            {nav
              .filter((n) => n.show)
              .map((n) => (
                <li key={n.href}>
                  <Link href={n.href} aria-current={p === n.href || p.startsWith(n.href + '/') || (p === '/admin' && n.href === '/admin/articles') ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div class="who">
          <span class="muted">{staff.name}</span>
          <button type="button" class="ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {session.mailToFiles && atLeast(staff, 'administrator') ? (
        <p class="banner">
          Mail is not being sent: no SMTP server is configured, so messages (invitations, password resets) are written to files in the data
          folder. Set BROADSIDE_SMTP_URL to send them.
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        {screen}
      </main>
    </div>
  );
}
