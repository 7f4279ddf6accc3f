import { Suspense } from 'react';
import { useT } from './i18n';
import { matchRoute, usePath } from './router';
import { LobbyView } from './views/LobbyView';
import { NotFoundView } from './views/NotFoundView';
import { WorkshopGate } from './views/WorkshopGate';

export function App() {
  const t = useT();
  // Covers the views loaded on first use (views/lazyViews.ts).
  return (
    <Suspense fallback={<p className="loading">{t('gate.loading')}</p>}>
      <Route />
    </Suspense>
  );
}

function Route() {
  const route = matchRoute(usePath());
  switch (route.name) {
    case 'lobby':
      return <LobbyView joinCode={route.joinCode} />;
    case 'workshop':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={null} />;
    case 'canvas':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={route.projectId} />;
    case 'outline':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={route.projectId} page="outline" />;
    case 'projectReport':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={route.projectId} page="report" />;
    case 'workshopReport':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={null} page="report" />;
    case 'challenges':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={null} page="challenges" />;
    case 'present':
      return <WorkshopGate key={route.workshopId} workshopId={route.workshopId} projectId={null} present />;
    case 'notFound':
      return <NotFoundView />;
  }
}
