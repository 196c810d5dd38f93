// Local mode only: the demo people of `npm start`, one button each.
import { listLocalPeople, signInAs } from '../auth/local-sign-in.js';
import { startSession } from '../auth/session.js';
import { h, mount } from '../ui/dom.js';
import { errorState, loadingCards } from '../ui/states.js';
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
      h('p', {}, 'Local mode: choose one of the demo people that `npm start` printed. A fresh token is minted for you when you click.'),
      h('ul', { class: 'people' }, ...buttons),
    );
  } catch (error) {
    mount(main, h('h2', {}, 'Sign in'), errorState(error, 'the demo people'));
  }
}
