import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { canWrite, type Principal } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { CanvasBoard, zoomAround, type CanvasTransform } from '../components/CanvasBoard';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KindLegend } from '../components/KindLegend';
import { Link } from '../components/Link';
import { PresenceList } from '../components/PresenceList';
import { TopBar } from '../components/TopBar';
import { ZoomControls } from '../components/ZoomControls';
import { useT } from '../i18n';
import { paths } from '../router';
import { usePresence } from '../sync/usePresence';
import { useRoomDoc, type RoomDoc } from '../sync/useRoomDoc';
import { userColor } from '../sync/userColor';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';

interface Props {
  workshopId: string;
  projectId: string;
  workshopDoc: Y.Doc;
  workshopSynced: boolean;
  me: Principal;
  token: string;
}

const ZOOM_STEP = 1.25;

export function CanvasView({ workshopId, projectId, workshopDoc, workshopSynced, me, token }: Props) {
  const t = useT();
  const room = useRoomDoc(projectRoom(workshopId, projectId), token);
  const workshop = useWorkshop(workshopDoc);
  const project = workshop.projects.find((p) => p.id === projectId) ?? null;
  const theme = project?.themeId ? workshop.themes.find((th) => th.id === project.themeId) : undefined;
  // A project seen once and now gone was removed; one never seen after a full sync never existed.
  const seen = useRef(false);
  if (project) seen.current = true;
  const removed = !project && (seen.current || workshopSynced);
  const projectName = project ? project.name || t('project.untitled') : '';
  useDocumentTitle(projectName ? `${projectName} · ${workshop.title}` : workshop.title);

  const backLink = (
    <Link className="back-link" data-testid="back-link" href={paths.workshop(workshopId)} aria-label={t('canvas.backLabel')}>
      <span aria-hidden="true">←</span> {workshop.title || t('canvas.back')}
    </Link>
  );

  if (removed) {
    return (
      <div className="page">
        <TopBar />
        <main id="main" className="page-main narrow">
          <div className="panel message-panel" role="alert" data-testid="project-removed">
            <p>{t('canvas.projectRemoved')}</p>
            {backLink}
          </div>
        </main>
      </div>
    );
  }

  return (
    <div className="page page-canvas">
      <TopBar
        start={backLink}
        end={room ? <ConnectionStatus status={room.status} /> : <ConnectionStatus status="connecting" />}
      >
        <div className="canvas-title">
          <h1 data-testid="project-name">{projectName || '…'}</h1>
          {theme && <span className="theme-tag">{theme.name}</span>}
          {project?.commune && <span className="commune-tag">{project.commune}</span>}
        </div>
      </TopBar>
      {room ? <CanvasRoom room={room} me={me} /> : <p className="loading">{t('canvas.loading')}</p>}
    </div>
  );
}

function CanvasRoom({ room, me }: { room: RoomDoc; me: Principal }) {
  const t = useT();
  const awareness = room.provider.awareness;
  const peers = usePresence(awareness);
  const readOnly = !canWrite(me.role);
  const [view, setViewState] = useState<CanvasTransform>({ x: 0, y: 0, scale: 1 });
  const setView = useCallback((update: (v: CanvasTransform) => CanvasTransform) => setViewState(update), []);
  const addAtCentre = useRef<(() => void) | null>(null);
  const [canAdd, setCanAdd] = useState(false);
  const registerAddAtCentre = useCallback((add: (() => void) | null) => {
    addAtCentre.current = add;
    setCanAdd(add !== null);
  }, []);
  const boardRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    awareness.setLocalStateField('user', {
      id: me.userId,
      name: me.name,
      role: me.role,
      community: me.community,
      color: userColor(me.userId),
    });
    awareness.setLocalStateField('cursor', null);
  }, [awareness, me.userId, me.name, me.role, me.community]);

  const zoomCentre = (factor: number) => {
    const rect = boardRef.current?.getBoundingClientRect();
    const w = rect?.width ?? 0;
    const h = rect?.height ?? 0;
    setView((v) => zoomAround(v, factor, w / 2, h / 2));
  };

  const loading = !room.loaded;

  return (
    <>
      <div className="canvas-toolbar">
        {!readOnly && (
          <button
            type="button"
            className="button primary"
            data-testid="add-note"
            disabled={!canAdd}
            onClick={() => addAtCentre.current?.()}
          >
            <span aria-hidden="true">+</span> {t('canvas.addNote')}
          </button>
        )}
        {readOnly && <span className="badge">{t('canvas.readOnly')}</span>}
        <KindLegend />
        <div className="toolbar-spacer" />
        <PresenceList peers={peers} />
      </div>
      <main id="main" className="canvas-main" ref={boardRef}>
        <CanvasBoard
          doc={room.doc}
          awareness={awareness}
          peers={peers}
          me={me}
          readOnly={readOnly}
          view={view}
          setView={setView}
          registerAddAtCentre={registerAddAtCentre}
          loading={loading}
        />
        {loading && <p className="canvas-loading">{t('canvas.loading')}</p>}
        <ZoomControls
          scale={view.scale}
          onZoomIn={() => zoomCentre(ZOOM_STEP)}
          onZoomOut={() => zoomCentre(1 / ZOOM_STEP)}
          onReset={() => setView(() => ({ x: 0, y: 0, scale: 1 }))}
        />
      </main>
    </>
  );
}
