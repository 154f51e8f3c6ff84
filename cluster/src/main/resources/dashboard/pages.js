// The dashboard's pages, in menu order. Adding a page: write pages/<id>.js exporting
// `render(root, ctx)` (it may return a function that stops what it started), then add one entry here.
export const PAGES = [
  { id: 'overview', title: 'Overview', load: () => import('./pages/overview.js') },
  { id: 'sessions', title: 'Live sessions', load: () => import('./pages/sessions.js') },
  { id: 'incidents', title: 'Incidents', load: () => import('./pages/incidents.js') },
  { id: 'interventions', title: 'Interventions', load: () => import('./pages/interventions.js') },
  { id: 'models', title: 'KPI models', load: () => import('./pages/models.js') },
  { id: 'matching', title: 'Matching', load: () => import('./pages/matching.js') },
  { id: 'agents', title: 'Agents', load: () => import('./pages/agents.js') },
];
