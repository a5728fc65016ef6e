/** Composition root of the client: session bootstrap, route → page, the page chrome. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api.js';
import { navigate, PUBLIC_ROUTES, useRoute, type Route } from './router.js';
import type { User } from './types.js';
import { onSessionEnded, rememberReturn, signedOutMessage, type SignedOutReason } from './session.js';
import { AuthContext, Link, Notice, Spinner } from './ui.js';
import { LandingPage } from './pages/landing.js';
import { ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage } from './pages/auth.js';
import { DashboardPage } from './pages/dashboard.js';
import { ApplicationEditorPage } from './pages/application-editor.js';
import { PreCallPage } from './pages/precall.js';
import { ReportPage } from './pages/report.js';
import { ReviewPage } from './pages/review-pages.js';
import { SettingsPage } from './pages/settings.js';
import { DeletionGate } from './privacy/deletion-gate.js';
import { OperatorPage } from './privacy/operator-page.js';
import { PrivacyPage } from './privacy/privacy-page.js';
import { StacksPage } from './pages/stacks.js';
import { TryoutPage } from './tryout/tryout-page.js';
import { LeaderboardPage } from './habits/leaderboard-page.js';
import { ProgressPage } from './habits/progress-page.js';
import { CreditsPage } from './credits/credits-page.js';

// The call page carries livekit-client, most of the bundle; load it only when a call starts.
const CallPage = lazy(() => import('./pages/call.js').then((m) => ({ default: m.CallPage })));

export function App() {
  const route = useRoute();
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  // Why the person is no longer signed in, when they did not just press "Sign out" themselves on this page.
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason | null>(null);
  const userRef = useRef<User | null>(null);
  userRef.current = user;
  const routeRef = useRef(route);
  routeRef.current = route;

  useEffect(() => {
    api
      .me()
      .then(setUser)
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) console.warn('session check failed');
        setUser(null);
      })
      .finally(() => setLoading(false));
  }, []);

  // Any request answered "unauthorized" while signed in: the session ended elsewhere. Keep the page to
  // come back to, and say why on the sign-in page instead of leaving a page that cannot load.
  useEffect(
    () =>
      onSessionEnded(() => {
        if (!userRef.current) return;
        if (!PUBLIC_ROUTES.has(routeRef.current.name)) rememberReturn(routeRef.current);
        setUser(null);
        setSignedOutReason('expired');
        navigate({ name: 'signin' }, { replace: true });
      }),
    [],
  );

  // Signed out, the root shows the landing page; other private pages send the visitor to sign in.
  const isLanding = !user && route.name === 'dashboard';
  const isPublic = PUBLIC_ROUTES.has(route.name) || isLanding;
  useEffect(() => {
    if (loading) return;
    if (!user && !isPublic) {
      rememberReturn(route);
      navigate({ name: 'signin' }, { replace: true });
    }
    if (user && (route.name === 'signin' || route.name === 'signup')) navigate({ name: 'dashboard' }, { replace: true });
  }, [loading, user, isPublic, route]);

  // A notice about the last sign-out stays until the person moves on from the page that shows it.
  useEffect(() => {
    if (user || !(route.name === 'signin' || route.name === 'signup' || route.name === 'dashboard')) setSignedOutReason(null);
  }, [user, route.name]);

  const signedOut = (reason: SignedOutReason) => {
    setUser(null);
    setSignedOutReason(reason);
    navigate(reason === 'deleted' ? { name: 'dashboard' } : { name: 'signin' });
  };

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    signedOut('signed-out');
  };

  const inCall = route.name === 'call';
  return (
    <AuthContext.Provider value={{ user, setUser, signedOut }}>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header className="site-header">
        <Link to={{ name: 'dashboard' }} className="brand">
          <span className="brand-mark" aria-hidden="true" /> Mockroom
        </Link>
        {user && !inCall ? (
          <nav aria-label="Main">
            <Link to={{ name: 'dashboard' }}>Dashboard</Link>
            <Link to={{ name: 'application-new' }}>New application</Link>
            <Link to={{ name: 'review-inbox' }}>Review</Link>
            <Link to={{ name: 'credits' }}>Credits</Link>
            <Link to={{ name: 'settings' }}>Settings</Link>
            <button type="button" className="link-button" onClick={signOut}>
              Sign out
            </button>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className={inCall ? 'main main-wide' : 'main'}>
        {signedOutReason && !user ? (
          <div data-testid="signed-out-notice">
            <Notice tone={signedOutReason === 'expired' || signedOutReason === 'deletion-scheduled' ? 'warning' : 'info'}>{signedOutMessage(signedOutReason)}</Notice>
          </div>
        ) : null}
        {loading ? <Spinner label="Loading…" /> : isLanding ? <LandingPage /> : user || isPublic ? <DeletionGate><Page route={route} /></DeletionGate> : <Spinner label="Redirecting to sign in…" />}
      </main>
      <footer className="site-footer no-print">
        <Link to={{ name: 'privacy' }}>Privacy</Link>
      </footer>
    </AuthContext.Provider>
  );
}

function Page(props: { route: Route }) {
  const r = props.route;
  switch (r.name) {
    case 'signin':
      return <SignInPage />;
    case 'signup':
      return <SignUpPage />;
    case 'verify-email':
      return <VerifyEmailPage code={r.code} />;
    case 'forgot-password':
      return <ForgotPasswordPage />;
    case 'reset-password':
      return <ResetPasswordPage token={r.token} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'application-new':
      return <ApplicationEditorPage key="new" id={null} />;
    case 'application':
      return <ApplicationEditorPage key={r.id} id={r.id} />;
    case 'precall':
      return <PreCallPage applicationId={r.applicationId} />;
    case 'call':
      return (
        <Suspense fallback={<Spinner label="Loading the call…" />}>
          <CallPage key={r.interviewId} interviewId={r.interviewId} />
        </Suspense>
      );
    case 'report':
      return <ReportPage key={r.interviewId} interviewId={r.interviewId} />;
    case 'settings':
      return <SettingsPage />;
    case 'privacy':
      return <PrivacyPage />;
    case 'operator':
      return <OperatorPage />;
    case 'stacks':
      return <StacksPage />;
    case 'tryout':
      return <TryoutPage />;
    case 'credits':
      return <CreditsPage />;
    case 'progress':
      return <ProgressPage />;
    case 'leaderboard':
      return <LeaderboardPage />;
    case 'review-inbox':
    case 'review-interview':
    case 'review-calibration':
    case 'review-invite':
      return <ReviewPage route={r} />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            <Link to={{ name: 'dashboard' }}>Go to the dashboard</Link>
          </p>
        </section>
      );
  }
}
