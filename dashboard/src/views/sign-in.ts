// Local mode only: the demo people of `npm start`, one button each.
import { listLocalPeople, signInAs } from '../auth/local-sign-in.js';
import { startSession } from '../auth/session.js';
import { h, mount } from '../ui/dom.js';
import { emptyState, errorState, loadingCards } from '../ui/states.js';
import type { Route } from '../router.js';

export async function renderSignIn(main: HTMLElement, route: Route, onSignedIn: () => void) {
  mount(main, h('h2', {}, 'Sign in'), loadingCards(1, 'table'));
  try {
    const people = await listLocalPeople();
    const buttons = people.map((person) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'person',
            'data-person': person.personId,
            onclick: async () => {
              startSession(await signInAs(person.personId));
              onSignedIn();
            },
          },
          h('strong', {}, person.label),
          h('span', {}, person.scope),
        ),
      ),
    );
    mount(
      main,
      h('h2', {}, 'Sign in'),
      route.params.has('expired') ? h('p', { class: 'state state-error', role: 'alert' }, 'Your session ended; sign in again.') : null,
      h('p', {}, 'Local mode: choose one of the demo people that ', h('code', {}, 'npm start'), ' printed. A fresh token is minted for you when you click.'),
      buttons.length > 0
        ? h('ul', { class: 'people' }, ...buttons)
        : emptyState('No demo people: the local server was started with DEMO_DATA=off. Sign in with a token of your own through the API instead.'),
    );
  } catch (error) {
    mount(main, h('h2', {}, 'Sign in'), errorState(error, 'the demo people'));
  }
}
