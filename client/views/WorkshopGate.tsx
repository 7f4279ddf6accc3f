import { useCallback, useEffect, useState } from 'react';
import { canFacilitate, type Principal } from '../../shared/protocol';
import { workshopRoom } from '../../shared/rooms';
import { ApiError, getWorkshop } from '../api';
import { CommandToasts } from '../components/CommandToasts';
import { FacilitatorPanel } from '../components/FacilitatorPanel';
import { FollowDriver } from '../components/FollowDriver';
import { ParticipantBar } from '../components/ParticipantBar';
import { TimerChime } from '../components/TimerChime';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { clearSession, loadSession, saveSession, type Session } from '../session';
import { FacilitationProvider } from '../sync/useFacilitation';
import { useRoomDoc } from '../sync/useRoomDoc';
import { CanvasView } from './CanvasView';
import type { LobbyNotice } from './LobbyView';
import { ProjectorView } from './ProjectorView';
import { ChallengesView } from './ChallengesView';
import { OutlineView } from './OutlineView';
import { ReportView } from './ReportView';
import { WorkshopView } from './WorkshopView';

type Access =
  | { kind: 'checking' }
  | { kind: 'ready'; session: Session; me: Principal; offline: boolean }
  | { kind: 'unreachable' };

const toLobby = (notice: LobbyNotice) => navigate(paths.lobby(), { replace: true, state: { notice } });

/**
 * Checks the stored session against the server, then holds the workshop document for as long as
 * the person stays in this workshop (overview and canvases share it).
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

  useEffect(() => {
    const session = loadSession(workshopId);
    if (!session) {
      toLobby('noSession');
      return;
    }
    let cancelled = false;
    setAccess((a) => (a.kind === 'ready' && a.session.token === session.token ? a : { kind: 'checking' }));
    getWorkshop(workshopId, session.token).then(
      (info) => {
        if (cancelled) return;
        const saved = saveSession(workshopId, {
          token: session.token,
          userId: info.me.userId,
          me: info.me,
          title: info.title,
          joinCode: info.joinCode ?? null,
        });
        setAccess({ kind: 'ready', session: saved, me: info.me, offline: false });
      },
      (err: unknown) => {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        if (status === 401 || status === 403) {
          clearSession(workshopId);
          toLobby('sessionInvalid');
        } else if (status === 404) {
          clearSession(workshopId);
          toLobby('workshopNotFound');
        } else if (session.me) {
          setAccess({ kind: 'ready', session, me: session.me, offline: true });
        } else {
          setAccess({ kind: 'unreachable' });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, attempt]);

  // The projector never gives up: it retries on its own until the server answers.
  const unreachable = access.kind === 'unreachable';
  useEffect(() => {
    if (!present || !unreachable) return;
    const id = setTimeout(() => setAttempt((n) => n + 1), PROJECTOR_RETRY_MS);
    return () => clearTimeout(id);
  }, [present, unreachable]);

  if (access.kind === 'ready') {
    return (
      <WorkshopRoom
        workshopId={workshopId}
        projectId={projectId}
        session={access.session}
        me={access.me}
        offline={access.offline}
        present={present}
        page={page}
      />
    );
  }
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        {access.kind === 'checking' ? (
          <p className="loading">{t('gate.loading')}</p>
        ) : (
          <div className="panel message-panel" role="alert">
            <p>{t('error.network')}</p>
            <div className="button-row">
              <button type="button" className="button primary" onClick={() => setAttempt((n) => n + 1)}>
                {t('gate.retry')}
              </button>
              <button type="button" className="button" onClick={() => navigate(paths.lobby())}>
                {t('gate.backToLobby')}
              </button>
            </div>
          </div>
        )}
      </main>
    </div>
  );
}

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

  // The server ends a connection for good with 4401 when the token stopped being valid.
  const closedCode = room?.closed?.code;
  useEffect(() => {
    if (closedCode === 4401) {
      clearSession(workshopId);
      toLobby('sessionInvalid');
    }
  }, [closedCode, workshopId]);

  const onEnded = useCallback(() => {
    clearSession(workshopId);
    toLobby('removed');
  }, [workshopId]);

  if (!room) return <p className="loading">{t('gate.loading')}</p>;
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
      <OutlineView key={projectId} workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} me={me} token={session.token} />
    ) : page === 'challenges' ? (
      <ChallengesView workshopId={workshopId} workshopDoc={room.doc} me={me} token={session.token} />
    ) : null;

  return (
    <FacilitationProvider workshopId={workshopId} token={session.token} me={me} onEnded={onEnded}>
      <TimerChime />
      {page !== 'challenges' && <FollowDriver projectId={projectId} />}
      <div className="fac-shell">
        <div className="fac-main">
          {offlineBanner}
          {content ?? (projectId ? (
            <CanvasView
              key={projectId}
              workshopId={workshopId}
              projectId={projectId}
              workshopDoc={room.doc}
              workshopSynced={room.synced}
              me={me}
              token={session.token}
            />
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
          <ParticipantBar projectId={projectId} workshopDoc={room.doc} />
        </div>
        {canFacilitate(me.role) && (
          <FacilitatorPanel workshopId={workshopId} projectId={projectId} workshopDoc={room.doc} joinCode={session.joinCode} token={session.token} />
        )}
      </div>
      <CommandToasts />
    </FacilitationProvider>
  );
}
