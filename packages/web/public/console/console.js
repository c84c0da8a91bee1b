import { api, session } from './api.js';
import * as auditView from './audit-view.js';
import { askForToken, run, wireTokenDialog } from './feedback.js';
import * as insightsView from './insights-view.js';
import * as plansView from './plans-view.js';
import * as usersView from './users-view.js';

/**
 * The operator console: four views behind hash links (#plans, #users, #insights, #audit), each a
 * module with mount(section) (once) and load() (each time it is shown). The token is asked for
 * before the first call and again whenever the router refuses it (401 or 403; a role too low for an
 * action is only shown). The header names the operator behind the token and their role.
 */

const views = { plans: plansView, users: usersView, insights: insightsView, audit: auditView };
const DEFAULT_VIEW = 'plans';
const ASK_FOR_TOKEN =
  'Enter your operator token: one an owner made for you, or ADMIN_TOKEN of the deployment.';

const sectionOf = (name) => document.querySelector(`[data-view-section="${name}"]`);

/**
 * Who the token belongs to (GET /admin/operators/me), in the header. A refused token is left to the
 * view's own call, which asks for another; the label is filled again once one is saved.
 */
async function showOperator() {
  const label = document.getElementById('operator-name');
  try {
    const { operator } = await api.get('/admin/operators/me');
    label.textContent = `Signed in as ${operator.name} (${operator.role})`;
    label.dataset.role = operator.role;
  } catch {
    label.textContent = '';
    delete label.dataset.role;
  }
}

async function show(name) {
  const viewName = name in views ? name : DEFAULT_VIEW;
  // Set again once the view has loaded: what tests (and anyone scripting the console) wait for.
  delete document.body.dataset.loaded;
  document.getElementById('notice').hidden = true;
  for (const link of document.querySelectorAll('[data-view]')) {
    if (link.dataset.view === viewName) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const each of Object.keys(views)) sectionOf(each).hidden = each !== viewName;
  await run(() => views[viewName].load());
  document.body.dataset.loaded = viewName;
}

const currentView = () => location.hash.slice(1) || DEFAULT_VIEW;

async function start() {
  wireTokenDialog(showOperator);
  document.getElementById('change-token').addEventListener('click', async () => {
    await askForToken(ASK_FOR_TOKEN);
    await show(currentView());
  });
  for (const [name, view] of Object.entries(views)) view.mount(sectionOf(name));
  if (session.token()) showOperator();
  else await askForToken(ASK_FOR_TOKEN);
  window.addEventListener('hashchange', () => show(currentView()));
  await show(currentView());
}

start();
