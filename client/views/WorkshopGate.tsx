import { Suspense, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CloseCode, EXPIRED_REASON, REMOVED_REASON, canFacilitate, type Principal, type WorkshopInfoResponse } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { ApiError, getWorkshop } from '../api';
import { CommandToasts } from '../components/CommandToasts';
import { AgendaShortcuts } from '../components/AgendaShortcuts';
import { FollowDriver } from '../components/FollowDriver';
import { RoomBanners } from '../components/RoomBanners';
import { ParticipantBar } from '../components/ParticipantBar';
import { TimerChime } from '../components/TimerChime';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { navigate, paths, useSearch } from '../router';
import {
  chooseForTab,
  dropPendingLink,
  forgetSession,
  linkArrivals,
  pendingLink,
  pickSession,
  saveSession,
  sessionsOf,
  subscribeLinks,
  type PageMode,
  type PendingLink,
  type Session,
} from '../session';
import { FacilitationProvider } from '../sync/useFacilitation';
import { useOpenRoomsEarly, useRoomDoc } from '../sync/useRoomDoc';
import type { LobbyNotice } from './LobbyView';
import {
  CanvasView,
  ChallengesView,
  FacilitatorPanel,
  OutlineView,
  PhoneProjectView,
  PhoneWorkshopView,
  ProjectorView,
  ReportView,
  preloadProjectView,
} from './lazyViews';
import { WorkshopView } from './WorkshopView';
import { ChooseName } from './ChooseName';
import { PhoneBarOfPage } from '../phone/PhoneBarOfPage';
import { PhoneCockpitContext } from '../phone/PhoneCockpit';
import { usePhoneMode } from '../phone/usePhoneMode';

import { LinkChoice } from './LinkChoice';
import './WorkshopGate.css';

type Access =
  | { kind: 'checking' }
  | { kind: 'choose'; current: Session; incoming: { link: PendingLink; info: WorkshopInfoResponse } }
  | { kind: 'naming'; session: Session; me: Principal }
  | { kind: 'ready'; session: Session; me: Principal; offline: boolean }
  | { kind: 'unreachable' };

const toLobby = (notice: LobbyNotice) => navigate(paths.lobby(), { replace: true, state: { notice } });

/** The lobby notice for a token the server refused. */
const refusalNotice = (err: ApiError): LobbyNotice => (err.status === 404 ? 'workshopNotFound' : err.code === 'token_expired' ? 'expired' : 'sessionInvalid');

/**
 * Picks this tab's identity (adopting a link's token, or asking first when it would replace
 * another), checks it against the server, then holds the workshop document for as long as the
 * person stays in this workshop (overview and canvases share it).
 */
const PROJECTOR_RETRY_MS = 5000;

/** Which page of the workshop: the overview or canvas (default), the outline, a report, the challenges. */
export type WorkshopPage = 'main' | 'outline' | 'report' | 'challenges';

export function WorkshopGate({
  workshopId,
  projectId,
  present = false,
  page = 'main',
}: {
  workshopId: string;
  projectId: string | null;
  present?: boolean;
  page?: WorkshopPage;
}) {
  const t = useT();
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  /** A link whose token the server refused, opened where another identity could carry on. */
  const [notice, setNotice] = useState<'linkInvalid' | null>(null);
  const mode: PageMode = present ? 'present' : 'main';
  const arrivedLinks = useSyncExternalStore(subscribeLinks, linkArrivals);
  const phone = usePhoneMode();

  // The identity this tab will use (unless a link brings another): its rooms open while the server
  // checks it. A refused identity closes them again, as the gate leaves for the lobby.
  const ready = access.kind === 'ready' || access.kind === 'naming';
  const likelyToken = ready ? access.session.token : pendingLink(workshopId) ? null : (pickSession(workshopId, mode)?.token ?? null);
  const projectPage = projectId !== null && !present && (page === 'main' || page === 'outline');
  useOpenRoomsEarly(projectPage ? [workshopRoom(workshopId), projectRoom(workshopId, projectId)] : [workshopRoom(workshopId)], likelyToken);
  const boardAsked = useBoardAsked();
  useEffect(() => {
    if (projectPage && page === 'main') preloadProjectView(phone && !boardAsked);
  }, [projectPage, page, phone, boardAsked]);

  useEffect(() => {
    let cancelled = false;
    const enter = (session: Session, info: WorkshopInfoResponse) => {
      const saved = saveSession(workshopId, {
        token: session.token,
        userId: info.me.userId,
        me: info.me,
        origin: info.origin,
        title: info.title,
        joinCode: info.joinCode ?? null,
      });
      chooseForTab(saved, mode);
      const mustName = info.origin === 'link' && info.me.role === 'facilitator' && !saved.named;
      setAccess(mustName ? { kind: 'naming', session: saved, me: info.me } : { kind: 'ready', session: saved, me: info.me, offline: false });
    };

    const run = async () => {
      // 1. A link's token parked by adoptTokenFromHash: adopt it, or ask before it takes this tab.
      const link = pendingLink(workshopId);
      let linkRefused = false;
      if (link) {
        const known = sessionsOf(workshopId).find((s) => s.token === link.token);
        if (known) {
          chooseForTab(saveSession(workshopId, { token: known.token, ...(link.joinCode ? { joinCode: link.joinCode } : {}) }), mode);
          dropPendingLink(workshopId);
        } else {
          try {
            const info = await getWorkshop(workshopId, link.token);
            if (cancelled) return;
            const current = pickSession(workshopId, mode);
            // A projector link on the wall page cannot demote anyone: it only ever serves /present.
            const harmless = !current || current.userId === info.me.userId || (mode === 'present' && info.me.role === 'viewer');
            if (!harmless) return setAccess({ kind: 'choose', current, incoming: { link, info } });
            dropPendingLink(workshopId);
            const adopted = saveSession(workshopId, { token: link.token, joinCode: link.joinCode ?? info.joinCode ?? null });
            return enter(adopted, info);
          } catch (err) {
            if (cancelled) return;
            const offline = !(err instanceof ApiError) || err.status === 0;
            // Offline: the link stays parked for the next attempt; meanwhile the stored identity serves.
            if (offline && !pickSession(workshopId, mode)) return setAccess({ kind: 'unreachable' });
            if (!offline) {
              dropPendingLink(workshopId);
              if (!pickSession(workshopId, mode)) return toLobby(refusalNotice(err as ApiError));
              linkRefused = true;
            }
          }
        }
      }

      // 2. The identity this tab uses here.
      const session = pickSession(workshopId, mode);
      if (!session) return toLobby('noSession');
      chooseForTab(session, mode); // a reload of this tab keeps it, whatever other tabs open
      setAccess((a) => (a.kind === 'ready' && a.session.token === session.token ? a : { kind: 'checking' }));
      try {
        const info = await getWorkshop(workshopId, session.token);
        if (cancelled) return;
        enter(session, info);
        if (linkRefused) setNotice('linkInvalid');
      } catch (err) {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        if (err instanceof ApiError && (status === 401 || status === 403 || status === 404)) {
          forgetSession(session);
          toLobby(refusalNotice(err));
        } else if (session.me) {
          setAccess({ kind: 'ready', session, me: session.me, offline: true });
        } else {
          setAccess({ kind: 'unreachable' });
        }
      }
    };
    void run();
    return () => {
      cancelled = true;
    };
  }, [workshopId, attempt, mode, arrivedLinks]);

  // The projector never gives up: it retries on its own until the server answers.
  const unreachable = access.kind === 'unreachable';
  useEffect(() => {
    if (!present || !unreachable) return;
    const id = setTimeout(() => setAttempt((n) => n + 1), PROJECTOR_RETRY_MS);
    return () => clearTimeout(id);
  }, [present, unreachable]);

  if (access.kind === 'choose') {
    const { current, incoming } = access;
    return (
      <LinkChoice
        title={incoming.info.title}
        current={{ me: current.me, origin: current.origin }}
        incoming={{ me: incoming.info.me, origin: incoming.info.origin }}
        onStay={() => {
          // The link's token is not kept: declining leaves no trace of the other identity.
          dropPendingLink(workshopId);
          setAttempt((n) => n + 1);
        }}
        onSwitch={() => {
          dropPendingLink(workshopId);
          const adopted = saveSession(workshopId, {
            token: incoming.link.token,
            userId: incoming.info.me.userId,
            me: incoming.info.me,
            origin: incoming.info.origin,
            joinCode: incoming.link.joinCode ?? incoming.info.joinCode ?? null,
          });
          chooseForTab(adopted, mode);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (access.kind === 'naming') {
    const { session, me } = access;
    return (
      <ChooseName
        workshopId={workshopId}
        token={session.token}
        title={session.title}
        initialName={me.name}
        onDone={(name) => {
          const saved = saveSession(workshopId, { token: session.token, named: true, me: { ...me, name } });
          setAccess({ kind: 'ready', session: saved, me: { ...me, name }, offline: false });
        }}
      />
    );
  }
  if (access.kind === 'ready') {
    return (
      <>
        {notice && (
          <p className="notice link-notice" role="status" data-testid="link-notice">
            {t(`notice.${notice}`)}
          </p>
        )}
        <WorkshopRoom
          workshopId={workshopId}
          projectId={projectId}
          session={access.session}
          me={access.me}
          offline={access.offline}
          present={present}
          page={page}
        />
      </>
    );
  }
  if (access.kind !== 'checking') return <GateMessage message={t('error.network')} onRetry={() => setAttempt((n) => n + 1)} />;
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        <p className="loading">{t('gate.loading')}</p>
      </main>
    </div>
  );
}

/** A page-wide problem with a retry and a way back to the lobby. */
function GateMessage({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        <div className="panel message-panel" role="alert">
          <p>{message}</p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={onRetry}>
              {t('gate.retry')}
            </button>
            <button type="button" className="button" onClick={() => navigate(paths.lobby())}>
              {t('gate.backToLobby')}
            </button>
          </div>
        </div>
      </main>
    </div>
  );
}

/** A phone asked for the board rather than the lists (`?view=board`). */
const useBoardAsked = () => new URLSearchParams(useSearch()).get('view') === 'board';

interface RoomProps {
  workshopId: string;
  projectId: string | null;
  session: Session;
  me: Principal;
  offline: boolean;
  present: boolean;
  page: WorkshopPage;
}

function WorkshopRoom({ workshopId, projectId, session, me, offline, present, page }: RoomProps) {
  const t = useT();
  const room = useRoomDoc(workshopRoom(workshopId), session.token);
  const phone = usePhoneMode();
  const boardAsked = useBoardAsked();
  const [cockpitOpen, setCockpitOpen] = useState(false);

  // The server ends a connection for good with 4401 when the token stopped being valid (the ticket
  // route's refusal arrives the same way, its reason naming an expiry).
  const closed = room?.closed;
  useEffect(() => {
    if (closed?.code === CloseCode.unauthorized) {
      forgetSession(session);
      // The document socket may learn of a removal before socket.io's session:ended does.
      toLobby(closed.reason === REMOVED_REASON ? 'removed' : closed.reason === EXPIRED_REASON ? 'expired' : 'sessionInvalid');
    }
  }, [closed, session]);

  const onEnded = useCallback(
    (reason: string) => {
      forgetSession(session);
      toLobby(reason === 'expired' ? 'expired' : reason === 'workshop-deleted' ? 'deleted' : 'removed');
    },
    [session],
  );

  if (!room) return <p className="loading">{t('gate.loading')}</p>;
  // Stored data the server cannot read: retrying would loop, so say it and offer a manual retry.
  if (closed?.code === CloseCode.roomUnavailable) return <GateMessage message={t('gate.roomUnavailable')} onRetry={() => window.location.reload()} />;
  const offlineBanner = offline && room.status !== 'connected' && (
    <p className="offline-banner" role="status">
      {t('gate.offline')}
    </p>
  );

  if (present) {
    return (
      <FacilitationProvider workshopId={workshopId} token={session.token} me={me} onEnded={onEnded}>
        <TimerChime />
        <ProjectorView workshopId={workshopId} workshopDoc={room.doc} token={session.token} joinCode={session.joinCode} title={session.title} />
      </FacilitationProvider>
    );
  }

  if (page === 'report') {
    return <ReportView workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} token={session.token} />;
  }

  const content =
    page === 'outline' && projectId ? (
      <Suspense fallback={<p className="loading">{t('canvas.loading')}</p>}>
        <OutlineView key={projectId} workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} me={me} token={session.token} />
      </Suspense>
    ) : page === 'challenges' ? (
      <ChallengesView workshopId={workshopId} workshopDoc={room.doc} me={me} token={session.token} />
    ) : null;

  // A facilitator on a phone: the cockpit as a full-screen sheet, opened from the phone bar.
  const cockpitSheet = cockpitOpen && canFacilitate(me.role) && (
    <div
      className="phone-cockpit"
      role="dialog"
      aria-modal="true"
      aria-labelledby="fac-panel-heading"
      data-testid="phone-cockpit"
      onKeyDown={(e) => e.key === 'Escape' && setCockpitOpen(false)}
    >
      <Suspense fallback={<p className="loading">{t('canvas.loading')}</p>}>
        <FacilitatorPanel
          workshopId={workshopId}
          projectId={projectId}
          workshopDoc={room.doc}
          joinCode={session.joinCode}
          token={session.token}
          onClose={() => setCockpitOpen(false)}
        />
      </Suspense>
    </div>
  );
  const openCockpit = canFacilitate(me.role) ? () => setCockpitOpen(true) : null;

  const canvasOf = (id: string, onPhone: boolean) => (
    <CanvasView
      key={id}
      workshopId={workshopId}
      projectId={id}
      workshopDoc={room.doc}
      workshopSynced={room.synced}
      me={me}
      token={session.token}
      phone={onPhone}
    />
  );

  // Phones: lists and sheets (the board when asked for); a facilitator opens the cockpit as a sheet.
  if (phone && page === 'main') {
    return (
      <FacilitationProvider workshopId={workshopId} token={session.token} me={me} onEnded={onEnded}>
        <PhoneCockpitContext.Provider value={openCockpit}>
          <TimerChime />
          <FollowDriver projectId={projectId} />
          <div className="phone-shell">
            {offlineBanner}
            {projectId && boardAsked ? (
              <Suspense fallback={<p className="loading">{t('canvas.loading')}</p>}>
                <div className="phone-board">{canvasOf(projectId, true)}</div>
              </Suspense>
            ) : projectId ? (
              <PhoneProjectView key={projectId} workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} me={me} token={session.token} />
            ) : (
              <PhoneWorkshopView workshopId={workshopId} doc={room.doc} loaded={room.loaded} status={room.status} me={me} fallbackTitle={session.title} />
            )}
          </div>
          {cockpitSheet}
          <CommandToasts />
        </PhoneCockpitContext.Provider>
      </FacilitationProvider>
    );
  }

  // The full layout; on a phone (the outline, the challenges) with the phone bar and the cockpit sheet.
  return (
    <FacilitationProvider workshopId={workshopId} token={session.token} me={me} onEnded={onEnded}>
      <PhoneCockpitContext.Provider value={phone ? openCockpit : null}>
        <TimerChime />
        {page !== 'challenges' && <FollowDriver projectId={projectId} />}
        {canFacilitate(me.role) && <AgendaShortcuts />}
        {page !== 'challenges' && <RoomBanners projectId={projectId} workshopDoc={room.doc} />}
        <div className="fac-shell">
          <div className={phone ? 'fac-main has-phone-bar' : 'fac-main'}>
            {offlineBanner}
            {content ??
              (projectId ? (
                <Suspense fallback={<p className="loading">{t('canvas.loading')}</p>}>{canvasOf(projectId, false)}</Suspense>
              ) : (
                <WorkshopView
                  workshopId={workshopId}
                  doc={room.doc}
                  loaded={room.loaded}
                  status={room.status}
                  me={me}
                  fallbackTitle={session.title}
                  joinCode={session.joinCode}
                  token={session.token}
                />
              ))}
            {phone ? <PhoneBarOfPage workshopDoc={room.doc} projectId={projectId} /> : <ParticipantBar projectId={projectId} workshopDoc={room.doc} />}
          </div>
          {phone && cockpitSheet}
          {!phone && canFacilitate(me.role) && (
            // Its own boundary: the board stays while the panel's code arrives.
            <Suspense fallback={null}>
              <FacilitatorPanel workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} joinCode={session.joinCode} token={session.token} />
            </Suspense>
          )}
        </div>
        <CommandToasts />
      </PhoneCockpitContext.Provider>
    </FacilitationProvider>
  );
}
