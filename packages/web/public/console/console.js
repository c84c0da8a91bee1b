import { session } from './api.js';
import * as auditView from './audit-view.js';
import { askForToken, run, wireTokenDialog } from './feedback.js';
import * as insightsView from './insights-view.js';
import * as plansView from './plans-view.js';
import * as usersView from './users-view.js';

/**
 * The operator console: four views behind hash links (#plans, #users, #insights, #audit), each a
 * module with mount(section) (once) and load() (each time it is shown). The token is asked for
 * before the first call and again whenever the router answers 401 or 403.
 */

const views = { plans: plansView, users: usersView, insights: insightsView, audit: auditView };
const DEFAULT_VIEW = 'plans';

const sectionOf = (name) => document.querySelector(`[data-view-section="${name}"]`);

function showOperator() {
  document.getElementById('operator-name').textContent = session.operator()
    ? `Signed in as ${session.operator()}`
    : '';
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
  wireTokenDialog();
  document.getElementById('change-token').addEventListener('click', async () => {
    await askForToken('Enter the operator token (ADMIN_TOKEN of the deployment).');
    showOperator();
    await show(currentView());
  });
  for (const [name, view] of Object.entries(views)) view.mount(sectionOf(name));
  if (!session.token()) await askForToken('Enter the operator token (ADMIN_TOKEN of the deployment).');
  showOperator();
  window.addEventListener('hashchange', () => show(currentView()));
  await show(currentView());
}

start();
