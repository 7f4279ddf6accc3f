import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { mayWriteCanvas } from '../../shared/facilitation';
import { canWrite, type Principal } from '../../shared/protocol';
import { privateRoom, projectRoom } from '../../shared/rooms';
import { CanvasBoard, clampScale, zoomAround, type CanvasTransform } from '../components/CanvasBoard';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { NoteExtrasContext } from '../components/noteExtras';
import { ReportsMenu } from '../components/ReportsMenu';
import { SearchBox } from '../components/SearchBox';
import { useCanvasContent } from './useCanvasContent';
import { Link } from '../components/Link';
import { PresenceList } from '../components/PresenceList';
import { TopBar } from '../components/TopBar';
import { ZoomControls } from '../components/ZoomControls';
import { FollowBanner } from '../components/FollowBanner';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { usePresence } from '../sync/usePresence';
import { useThrottledCallback } from '../sync/useThrottledCallback';
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
/** Follow-me: at most five viewport messages a second. */
const VIEWPORT_INTERVAL_MS = 200;

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
    <Link className="back-link" data-testid="back-link" href={paths.workshop(workshopId)}>
      <span aria-hidden="true">←</span> <span className="visually-hidden">{t('canvas.backLabel')} : </span>
      {workshop.title || t('canvas.back')}
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
        end={
          <>
            <SearchBox workshopId={workshopId} token={token} />
            {room ? <ConnectionStatus status={room.status} /> : <ConnectionStatus status="connecting" />}
          </>
        }
      >
        <div className="canvas-title">
          <h1 data-testid="project-name">{projectName || '…'}</h1>
          {theme && <span className="theme-tag">{theme.name}</span>}
          {project?.commune && <span className="commune-tag">{project.commune}</span>}
        </div>
      </TopBar>
      {room ? (
        <CanvasRoom
          room={room}
          me={me}
          workshopId={workshopId}
          projectId={projectId}
          token={token}
          workshopDoc={workshopDoc}
          projectName={projectName}
          workshopTitle={workshop.title}
        />
      ) : (
        <p className="loading">{t('canvas.loading')}</p>
      )}
    </div>
  );
}

interface RoomProps {
  room: RoomDoc;
  me: Principal;
  workshopId: string;
  projectId: string;
  token: string;
  workshopDoc: Y.Doc;
  projectName: string;
  workshopTitle: string;
}

function CanvasRoom({ room, me, workshopId, projectId, token, workshopDoc, projectName, workshopTitle }: RoomProps) {
  const t = useT();
  const fac = useFacilitation();
  const { state, following, setFollowing, viewport, broadcasting, send, setOpenProject } = fac;
  const awareness = room.provider.awareness;
  const peers = usePresence(awareness);
  // The write policy of the current stage: read-only for everyone but facilitators while someone
  // presents (the server refuses the writes anyway). Before the first state, the role decides.
  const policyReadOnly = state !== null && canWrite(me.role) && !mayWriteCanvas(me.role, state);
  const readOnly = !canWrite(me.role) || policyReadOnly;
  const privateWriting = Boolean(state?.privateMode) && me.role !== 'facilitator' && canWrite(me.role);
  const drafts = useRoomDoc(privateWriting ? privateRoom(workshopId, projectId, me.userId) : null, token);
  const draftDoc = privateWriting ? (drafts?.doc ?? null) : null;
  const [view, setViewState] = useState<CanvasTransform>({ x: 0, y: 0, scale: 1 });
  const followingRef = useRef(following);
  followingRef.current = following;
  // Any pan or zoom by hand stops following the facilitator.
  const setView = useCallback(
    (update: (v: CanvasTransform) => CanvasTransform) => {
      if (followingRef.current) setFollowing(false);
      setViewState(update);
    },
    [setFollowing],
  );
  const addAtCentre = useRef<(() => void) | null>(null);
  const [canAdd, setCanAdd] = useState(false);
  const registerAddAtCentre = useCallback((add: (() => void) | null) => {
    addAtCentre.current = add;
    setCanAdd(add !== null);
  }, []);
  const boardRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setOpenProject({ projectId, doc: room.doc });
    return () => setOpenProject(null);
  }, [setOpenProject, projectId, room.doc]);

  // Follow-me: show the facilitator's view centre at the same zoom.
  const followed = following && viewport && viewport.projectId === projectId ? viewport : null;
  useEffect(() => {
    if (!followed) return;
    const rect = boardRef.current?.getBoundingClientRect();
    const w = rect?.width ?? 0;
    const h = rect?.height ?? 0;
    const scale = clampScale(followed.zoom);
    setViewState({ scale, x: w / 2 - followed.x * scale, y: h / 2 - followed.y * scale });
  }, [followed]);

  // Facilitators broadcast their view (its centre in canvas units, and the zoom).
  const publishView = useThrottledCallback((x: number, y: number, zoom: number) => {
    void send({ type: 'viewport.set', projectId, viewport: { x, y, zoom } });
  }, VIEWPORT_INTERVAL_MS);
  const broadcast = me.role === 'facilitator' && broadcasting && fac.status === 'connected';
  useEffect(() => {
    if (!broadcast) return;
    const rect = boardRef.current?.getBoundingClientRect();
    const w = rect?.width ?? 0;
    const h = rect?.height ?? 0;
    publishView(Math.round((w / 2 - view.x) / view.scale), Math.round((h / 2 - view.y) / view.scale), Math.round(view.scale * 1000) / 1000);
  }, [broadcast, view, publishView]);

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
  const content = useCanvasContent({ room, me, workshopId, projectId, token, workshopDoc, readOnly, view, setView: setViewState, boardRef });

  return (
    <>
      <div className="canvas-toolbar">
        {(!readOnly || draftDoc) && (
          <button
            type="button"
            className={`button primary${draftDoc ? ' is-private' : ''}`}
            data-testid="add-note"
            disabled={!canAdd}
            onClick={() => addAtCentre.current?.()}
          >
            <span aria-hidden="true">+</span> {t(draftDoc ? 'canvas.addDraft' : 'canvas.addNote')}
          </button>
        )}
        {readOnly && <span className="badge">{t('canvas.readOnly')}</span>}
        {privateWriting && (
          <span className="badge badge-private" data-testid="private-mode-badge" title={t('canvas.privateModeHint')}>
            {t('canvas.privateMode')}
          </span>
        )}
        {content.toolbar}
        <div className="toolbar-spacer" />
        <PresenceList peers={peers} />
        <Link className="button small" data-testid="outline-toggle" href={paths.outline(workshopId, projectId)}>
          {t('outline.open')}
        </Link>
        <ReportsMenu
          workshopId={workshopId}
          token={token}
          me={me}
          workshopTitle={workshopTitle}
          project={{ id: projectId, name: projectName || t('project.untitled'), doc: room.doc }}
        />
      </div>
      {content.filterBar}
      {policyReadOnly && state && (
        <p className="readonly-banner" role="status" data-testid="readonly-banner">
          {t(draftDoc ? 'canvas.readOnlyDuringPrivate' : 'canvas.readOnlyDuring', { stage: t(`stage.${state.stage}`) })}
        </p>
      )}
      <div className="canvas-body">
      <main id="main" className="canvas-main" ref={boardRef} {...content.mainProps}>
        <NoteExtrasContext.Provider value={content.extras}>
        <CanvasBoard
          underlay={content.underlay}
          doc={room.doc}
          projectId={projectId}
          draftDoc={draftDoc}
          awareness={awareness}
          peers={peers}
          me={me}
          readOnly={readOnly}
          view={view}
          setView={setView}
          registerAddAtCentre={registerAddAtCentre}
          loading={loading}
        />
        </NoteExtrasContext.Provider>
        {content.overlay}
        {loading && <p className="canvas-loading">{t('canvas.loading')}</p>}
        {me.role !== 'facilitator' && <FollowBanner projectId={projectId} />}
        <ZoomControls
          scale={view.scale}
          onZoomIn={() => zoomCentre(ZOOM_STEP)}
          onZoomOut={() => zoomCentre(1 / ZOOM_STEP)}
          onReset={() => setView(() => ({ x: 0, y: 0, scale: 1 }))}
        />
      </main>
      {content.sidePanel}
      </div>
    </>
  );
}
