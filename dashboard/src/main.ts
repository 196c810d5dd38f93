// Start-up: read config.json, restore or start a session, then render the view the hash names.
import './styles.css';
import { loadConfig } from './config.js';
import { setApiBase } from './api/http.js';
import { localSignIn } from './auth/local-sign-in.js';
import { type Session, currentSession, restoreSession, signOut } from './auth/session.js';
import type { Role } from './auth/claims.js';
import { currentRoute, link, type Route } from './router.js';
import { h, mount } from './ui/dom.js';
import { destroyCharts } from './ui/figure.js';
import { errorState } from './ui/states.js';
import { renderSignIn } from './views/sign-in.js';
import { renderDirector } from './views/director.js';
import { renderCounselor } from './views/counselor.js';
import { renderClientTimeline } from './views/client-timeline.js';
import { renderResearcher } from './views/researcher.js';
import { renderAdmin } from './views/admin.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const account = document.getElementById('account')!;

const views: Record<Role, { label: string; path: string }[]> = {
  director: [{ label: 'Clinic', path: 'director' }],
  counselor: [{ label: 'My caseload', path: 'counselor' }],
  researcher: [{ label: 'Network', path: 'researcher' }],
  admin: [{ label: 'Administration', path: 'admin' }],
};

const home = (session: Session) => link(views[session.claims.role][0]!.path);

function renderChrome(session: Session | undefined, route: Route) {
  mount(
    nav,
    ...(session ? views[session.claims.role] : []).map((v) => h('a', { href: link(v.path), 'aria-current': route.path[0] === v.path ? 'page' : null }, v.label)),
  );
  mount(
    account,
    session ? h('span', {}, `${session.claims.subject} · ${session.claims.role}`) : null,
    session ? h('button', { type: 'button', class: 'secondary', onclick: () => void signOut() }, 'Sign out') : null,
  );
}

// biome-ignore lint/suspicious/noConfusingVoidType: the views resolve to nothing; only a redirect says something.
async function render(session: Session, route: Route): Promise<'redirected' | void> {
  const [view, id, sub, clientId] = route.path;
  const { role, counselorId } = session.claims;
  if (view === 'director' && (role === 'director' || role === 'admin')) return renderDirector(main, route, session);
  if (view === 'counselor' && (role === 'counselor' || role === 'director')) {
    const who = id ?? counselorId;
    if (!who) return mount(main, errorState(new Error('Your sign-in names no counselor.'), 'the caseload'));
    if (sub === 'clients' && clientId) return renderClientTimeline(main, who, clientId);
    return renderCounselor(main, who);
  }
  if (view === 'researcher' && (role === 'researcher' || role === 'admin' || role === 'director')) return renderResearcher(main, { exports: role === 'researcher' });
  if (view === 'admin' && role === 'admin') return renderAdmin(main, route);
  location.replace(home(session));
  return 'redirected';
}

let rendering = 0;
async function onRouteChange() {
  const ticket = ++rendering;
  // `data-ready` names the view once it has rendered (the end-to-end tests wait for it).
  delete main.dataset.ready;
  destroyCharts();
  const route = currentRoute();
  const session = currentSession();
  renderChrome(session, route);
  if (!session) {
    if (route.path[0] !== 'sign-in') return location.replace(link('sign-in'));
    await renderSignIn(main, route, () => location.assign(home(currentSession()!)));
    main.dataset.ready = 'sign-in';
    return;
  }
  if (route.path[0] === 'sign-in' || route.path.length === 0) return location.replace(home(session));
  if ((await render(session, route)) === 'redirected' || ticket !== rendering) return;
  main.dataset.ready = route.path[0] ?? '';
  main.focus({ preventScroll: true });
}

async function start() {
  try {
    const config = await loadConfig();
    setApiBase(config.apiUrl ?? '');
    const provider = config.mode === 'local' ? localSignIn : (await import('./auth/cognito-sign-in.js')).cognitoSignIn(config);
    await restoreSession(provider);
    if (config.mode !== 'local' && !currentSession()) return;
    window.addEventListener('hashchange', () => void onRouteChange());
    await onRouteChange();
  } catch (error) {
    mount(main, errorState(error, 'the dashboard'));
  }
}

void start();
