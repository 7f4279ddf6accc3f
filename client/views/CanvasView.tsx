import { BackLink } from '../components/BackLink';
import { ArrowLeft } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { mayWriteCanvas } from '../../shared/facilitation';
import { canEditBoard, type Principal } from '../../shared/protocol';
import { notesMap, readNote } from '../../shared/schema';
import { tidyGrid } from '../../shared/placement';
import { runAs } from '../../shared/undo';
import { moveNote } from '../../shared/operations';
import { clampScale, notesBox } from '../canvas/viewMath';
import { CanvasBoard } from '../components/CanvasBoard';
import type { CanvasTool } from '../components/canvas/useBoardGestures';
import { CanvasSidePanel } from '../components/CanvasSidePanel';
import { CanvasToolbar, type ToolbarPanel } from '../components/CanvasToolbar';
import { BoardImageLayer } from '../components/BoardImageLayer';
import { ClusterLayer } from '../components/ClusterLayer';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { FilterBar } from '../components/FilterBar';
import { Minimap } from '../components/Minimap';
import { PresentButton } from '../components/PresentButton';
import { NoteExtrasContext } from '../components/noteExtras';
import { RecentlyDeleted } from '../components/RecentlyDeleted';
import { ReportsMenu } from '../components/ReportsMenu';
import { ProjectRecordPanel } from '../components/ProjectRecordPanel';
import { RecordButton } from '../components/RecordSummary';
import { SearchBox } from '../components/SearchBox';
import { useCanvasContent } from './useCanvasContent';
import { Link } from '../components/Link';
import { PresenceList } from '../components/PresenceList';
import { TopBar } from '../components/TopBar';
import { ZoomControls } from '../components/ZoomControls';
import { FollowBanner } from '../components/FollowBanner';
import { PhoneBar } from '../phone/PhoneBar';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { useStageChanged } from '../sync/useStageChanged';
import { notesStoreOf } from '../sync/notesStore';
import { usePresence } from '../sync/usePresence';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { usePrivateDrafts } from '../sync/usePrivateDrafts';
import { type ProjectPageProps, useProjectRoom } from '../sync/useProjectRoom';
import type { RoomDoc } from '../sync/useRoomDoc';
import { userColor } from '../sync/userColor';
import { useDocumentTitle } from './useDocumentTitle';
import { useCanvasNavigation, viewStorageKey } from './canvas/useCanvasNavigation';
import { useCanvasShortcuts } from './canvas/useCanvasShortcuts';
import './CanvasView.css';
import { communeLabel } from '../../shared/communeLabel';

interface Props extends ProjectPageProps {
  workshopSynced: boolean;
  /** On a phone: a one-line header back to the list, a collapsed toolbar, no minimap. */
  phone?: boolean;
}

/** The presenter's view: at most ten messages a second, so the wall is at most ~100 ms behind. */
const VIEWPORT_INTERVAL_MS = 100;

export function CanvasView({ workshopId, projectId, workshopDoc, workshopSynced, me, token, phone = false }: Props) {
  const t = useT();
  const { room, workshop, project } = useProjectRoom({ workshopId, projectId, workshopDoc, token });
  const theme = project?.themeId ? workshop.themes.find((th) => th.id === project.themeId) : undefined;
  // A project seen once and now gone was removed; one never seen after a full sync never existed.
  const seen = useRef(false);
  if (project) seen.current = true;
  const removed = !project && (seen.current || workshopSynced);
  const projectName = project ? project.name || t('project.untitled') : '';
  const [recordOpen, setRecordOpen] = useState(false);
  useDocumentTitle(projectName ? `${projectName} · ${workshop.title}` : workshop.title);

  const backLink = <BackLink testId="back-link" href={paths.workshop(workshopId)} label={workshop.title || t('canvas.back')} />;

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

  const header = phone ? (
    <header className="phone-header">
      <Link className="phone-back icon-button" data-testid="back-to-list" href={paths.canvas(workshopId, projectId)} aria-label={t('phone.backToList')}>
        <ArrowLeft size={22} aria-hidden="true" />
      </Link>
      <div className="phone-header-main">
        <h1 className="phone-title" data-testid="project-name">
          {projectName || '…'}
        </h1>
      </div>
      <ConnectionStatus status={room?.status ?? 'connecting'} />
    </header>
  ) : (
    <TopBar
      start={backLink}
      end={
        <>
          {room && <CanvasPresence room={room} />}
          <SearchBox workshopId={workshopId} token={token} />
          {room ? <ConnectionStatus status={room.status} /> : <ConnectionStatus status="connecting" />}
        </>
      }
    >
      <div className="canvas-title">
        <h1 data-testid="project-name" title={projectName}>
          {projectName || '…'}
        </h1>
        {theme && (
          <span className="theme-tag" title={theme.name}>
            {theme.name}
          </span>
        )}
        {project && communeLabel(project) && <span className="commune-tag">{communeLabel(project)}</span>}
        {project && <RecordButton compact project={project} onOpen={() => setRecordOpen(true)} />}
      </div>
    </TopBar>
  );

  return (
    <div className="page page-canvas">
      {header}
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
          phone={phone}
        />
      ) : (
        <p className="loading">{t('canvas.loading')}</p>
      )}
      {recordOpen && project && <ProjectRecordPanel doc={workshopDoc} project={project} role={me.role} onClose={() => setRecordOpen(false)} />}
    </div>
  );
}

/** The avatar stack of who is on this canvas, in the top bar. */
function CanvasPresence({ room }: { room: RoomDoc }) {
  const peers = usePresence(room.provider.awareness);
  return <PresenceList peers={peers} />;
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
  phone: boolean;
}

function CanvasRoom({ room, me, workshopId, projectId, token, workshopDoc, projectName, workshopTitle, phone }: RoomProps) {
  const t = useT();
  const fac = useFacilitation();
  const { state, following, setFollowing, viewport, presenting, send } = fac;
  const awareness = room.provider.awareness;
  const peers = usePresence(awareness);
  // The write policy of the current stage: read-only for everyone but facilitators while someone
  // presents (the server refuses the writes anyway). Before the first state, the role decides.
  const policyReadOnly = state !== null && canEditBoard(me.role) && !mayWriteCanvas(me.role, state);
  const readOnly = !canEditBoard(me.role) || policyReadOnly;
  const { privateWriting, draftDoc } = usePrivateDrafts(state, me, workshopId, projectId, token);
  const followingRef = useRef(following);
  followingRef.current = following;
  // Any pan or zoom by hand stops following the facilitator.
  const onManualMove = useCallback(() => {
    if (followingRef.current) setFollowing(false);
  }, [setFollowing]);
  const boardRef = useRef<HTMLDivElement>(null);
  const nav = useCanvasNavigation({
    doc: room.doc,
    boardRef,
    storageKey: viewStorageKey(me.userId, projectId),
    ready: room.synced || (room.loaded && notesStoreOf(room.doc).getSnapshot().length > 0),
    onManualMove,
  });
  const { view } = nav;
  const [tool, setTool] = useState<CanvasTool>('select');
  const [filterOpen, setFilterOpen] = useState(false);
  const addAtCentre = useRef<(() => void) | null>(null);
  const [canAdd, setCanAdd] = useState(false);
  const registerAddAtCentre = useCallback((add: (() => void) | null) => {
    addAtCentre.current = add;
    setCanAdd(add !== null);
  }, []);

  // Follow-me: show the facilitator's view centre at the same zoom.
  const followed = following && viewport && viewport.projectId === projectId ? viewport : null;
  const { setViewQuietly } = nav;
  useEffect(() => {
    if (!followed) return;
    const rect = boardRef.current?.getBoundingClientRect();
    const w = rect?.width ?? 0;
    const h = rect?.height ?? 0;
    const scale = clampScale(followed.zoom);
    setViewQuietly({ scale, x: w / 2 - followed.x * scale, y: h / 2 - followed.y * scale });
  }, [followed, setViewQuietly]);

  // The presenter shares their view: its centre and the canvas area it shows, so the wall shows
  // exactly that area (whatever its own size) and followers the same centre and zoom.
  const publishView = useThrottledCallback((viewport: { x: number; y: number; zoom: number; width: number; height: number }) => {
    void send({ type: 'viewport.set', projectId, viewport });
  }, VIEWPORT_INTERVAL_MS);
  const broadcast = presenting && fac.status === 'connected';
  const publishFrom = useCallback(
    (v: { x: number; y: number; scale: number }) => {
      const rect = boardRef.current?.getBoundingClientRect();
      const w = rect?.width ?? 0;
      const h = rect?.height ?? 0;
      if (w <= 0 || h <= 0) return;
      publishView({
        x: Math.round((w / 2 - v.x) / v.scale),
        y: Math.round((h / 2 - v.y) / v.scale),
        zoom: Math.round(v.scale * 1000) / 1000,
        width: Math.round(w / v.scale),
        height: Math.round(h / v.scale),
      });
    },
    [publishView],
  );
  // Views set at once (zoom buttons, fit, first open) and, during gestures, every live move.
  useEffect(() => {
    if (broadcast) publishFrom(view);
  }, [broadcast, view, publishFrom]);
  const onLiveMove = broadcast ? publishFrom : undefined;

  // Present on this board while the canvas is open; the room may stay open after (a panel reading the
  // same project, the outline): then nobody shows there.
  useEffect(() => {
    const user = { id: me.userId, name: me.name, role: me.role, community: me.community, color: userColor(me.userId) };
    awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), user, cursor: null });
    return () => awareness.setLocalState(null);
  }, [awareness, me.userId, me.name, me.role, me.community]);

  const loading = !room.loaded;
  const content = useCanvasContent({ room, me, workshopId, projectId, token, workshopDoc, readOnly, peers, centreOn: nav.centreOn, boardRef });
  const { panel, setPanel, selected } = content;

  // ?note=<id> (search results, backlinks): centre that note once it is there.
  const centred = useRef<string | null>(null);
  const highlight = content.highlightedId;
  const { centreOn } = nav;
  useEffect(() => {
    if (!highlight || centred.current === highlight) return;
    const n = notesStoreOf(room.doc).get(highlight);
    if (!n) return;
    centred.current = highlight;
    centreOn(n.x + 100, n.y + 75);
  });

  const selectionBox = () => notesBox([...selected].flatMap((id) => notesStoreOf(room.doc).get(id) ?? []));
  const tidySelection = () => {
    const ids = [...selected].filter((id) => notesMap(room.doc).has(id));
    const now = ids.map((id) => readNote(notesMap(room.doc).get(id)!));
    const spots = tidyGrid(now);
    runAs(room.doc, content.origin, () => ids.forEach((id, i) => moveNote(room.doc, id, spots[i].x, spots[i].y)));
    content.dropped(ids);
  };

  /** Escape, innermost first: an open menu, then the filter popover, then the side panel. */
  const closeInnermost = () => {
    const menu = [...document.querySelectorAll<HTMLDetailsElement>('details[open]')].pop();
    if (menu) {
      menu.open = false;
      menu.querySelector('summary')?.focus();
      return true;
    }
    if (filterOpen) {
      setFilterOpen(false);
      document.querySelector<HTMLElement>('[data-testid="toggle-filters"]')?.focus();
      return true;
    }
    if (panel) {
      document.querySelector<HTMLElement>('[data-testid="side-panel-close"]')?.click();
      return true;
    }
    return false;
  };
  useCanvasShortcuts({ content, nav, me, setTool, addAtCentre: () => addAtCentre.current?.(), closeInnermost });
  // A new stage closes what participants had open for the previous one (the facilitator moved it).
  useStageChanged(() => {
    for (const menu of document.querySelectorAll<HTMLDetailsElement>('details[open]')) menu.open = false;
    setFilterOpen(false);
    setPanel(null);
  }, me.role !== 'facilitator');

  const togglePanel = (tab: ToolbarPanel) => setPanel(panel?.tab === tab ? null : { tab, target: tab === 'comments' ? null : undefined });
  const clusterCount = useCallback((id: string) => content.openCounts[`cluster:${id}`] ?? 0, [content.openCounts]);
  const openClusterComments = useCallback((id: string) => setPanel({ tab: 'comments', target: { type: 'cluster', id } }), [setPanel]);
  const getScale = useCallback(() => nav.view.scale, [nav.view.scale]);
  const addLabel = t(draftDoc ? 'canvas.addDraft' : 'canvas.addNote');

  return (
    <div className="canvas-body">
      <main id="main" className="canvas-main" ref={boardRef}>
        <NoteExtrasContext.Provider value={content.extras}>
          <CanvasBoard
            underlay={
              <>
                <ClusterLayer
                  doc={room.doc}
                  clusters={content.clusters}
                  origin={content.origin}
                  readOnly={!content.writable}
                  getScale={getScale}
                  commentCount={clusterCount}
                  onOpenComments={openClusterComments}
                />
                <BoardImageLayer
                  doc={room.doc}
                  workshopId={workshopId}
                  token={token}
                  origin={content.origin}
                  readOnly={!content.writable}
                  getScale={getScale}
                />
              </>
            }
            doc={room.doc}
            projectId={projectId}
            draftDoc={draftDoc}
            awareness={awareness}
            peers={peers}
            me={me}
            readOnly={readOnly}
            view={view}
            setView={nav.setView}
            tool={tool}
            registerAddAtCentre={registerAddAtCentre}
            onSelectBox={content.selectBox}
            onBackgroundClick={content.clearSelection}
            loading={loading}
            fitPending={nav.fitPending}
            onLiveMove={onLiveMove}
          />
        </NoteExtrasContext.Provider>
        <CanvasToolbar
          onAddNote={(!readOnly || draftDoc) && canAdd ? () => addAtCentre.current?.() : null}
          addLabel={addLabel}
          privateNotes={draftDoc !== null}
          tool={tool}
          onTool={setTool}
          onNewCluster={
            content.writable
              ? () =>
                  content.newCluster(
                    nav.size().w ? { x: (nav.size().w / 2 - view.x) / view.scale, y: (nav.size().h / 2 - view.y) / view.scale } : { x: 0, y: 0 },
                  )
              : null
          }
          selectedCount={selected.size}
          onTidy={content.writable && selected.size > 1 ? tidySelection : null}
          undo={
            content.writable
              ? {
                  canUndo: content.undo.canUndo,
                  canRedo: content.undo.canRedo,
                  onUndo: () => content.undo.manager?.undo(),
                  onRedo: () => content.undo.manager?.redo(),
                }
              : null
          }
          filterOpen={filterOpen}
          filterCount={
            content.filterOn ? content.filter.tags.length + content.filter.kinds.length + content.filter.roles.length + content.filter.communities.length : 0
          }
          onToggleFilter={() => setFilterOpen((o) => !o)}
          panel={panel && panel.tab !== 'details' ? panel.tab : null}
          onPanel={togglePanel}
          openComments={content.totalOpen}
          outlineHref={paths.outline(workshopId, projectId)}
          collapsible={phone}
          status={
            <>
              {readOnly && !draftDoc && <span className="toolbar-badge">{t('canvas.readOnly')}</span>}
              {privateWriting && (
                <span className="toolbar-badge badge-private" data-testid="private-mode-badge" title={t('canvas.privateModeHint')}>
                  {t('canvas.privateMode')}
                </span>
              )}
            </>
          }
          end={
            <>
              <PresentButton />
              <RecentlyDeleted doc={room.doc} origin={content.origin} canRestore={content.writable} />
              <ReportsMenu
                workshopId={workshopId}
                token={token}
                me={me}
                workshopTitle={workshopTitle}
                project={{ id: projectId, name: projectName || t('project.untitled'), doc: room.doc, workshopDoc }}
              />
            </>
          }
        />
        {filterOpen && (
          <div className="canvas-filter-popover">
            <FilterBar
              taxonomy={content.taxonomy}
              filter={content.filter}
              onChange={content.setFilter}
              matching={content.matchCount}
              total={notesStoreOf(room.doc).getSnapshot().length}
            />
          </div>
        )}
        {policyReadOnly && state && (
          <p className="readonly-banner" role="status" data-testid="readonly-banner">
            {t(draftDoc ? 'canvas.readOnlyDuringPrivate' : 'canvas.readOnlyDuring', { stage: t(`stage.${state.stage}`) })}
          </p>
        )}
        {loading && <p className="canvas-loading">{t('canvas.loading')}</p>}
        {me.role !== 'facilitator' && <FollowBanner projectId={projectId} />}
        <div className="canvas-corner">
          {!phone && (
            <Minimap
              doc={room.doc}
              view={view}
              boardSize={nav.size}
              onCentre={(x, y) => nav.setView((v) => ({ ...v, x: nav.size().w / 2 - x * v.scale, y: nav.size().h / 2 - y * v.scale }))}
            />
          )}
          <ZoomControls
            scale={view.scale}
            onZoomIn={nav.zoomIn}
            onZoomOut={nav.zoomOut}
            onReset={nav.zoomTo100}
            onFit={nav.fitAll}
            onFitSelection={selected.size > 0 ? () => nav.fitBox(selectionBox()) : null}
          />
        </div>
        <CanvasSidePanel
          content={content}
          me={me}
          workshopId={workshopId}
          projectId={projectId}
          workshopDoc={workshopDoc}
          token={token}
          viewCentre={() => ({ x: (nav.size().w / 2 - view.x) / view.scale, y: (nav.size().h / 2 - view.y) / view.scale })}
        />
      </main>
      {phone && <PhoneBar questionsProject={{ id: projectId, name: projectName || t('project.untitled') }} />}
    </div>
  );
}
