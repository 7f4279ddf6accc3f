import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import type { FacilitationCommand } from '../../shared/commands';
import { isPresenter, type FacilitatorView, type HeldQuestion, type MyBallot, type PublicFacilitation } from '../../shared/facilitation';
import type { Ack, ClientToServerEvents, PresenceEntry, Principal, ReactionEvent, ServerToClientEvents } from '../../shared/protocol';
import { loadSocketIo } from './loadSocketIo';
import type { ConnectionState } from './useRoomDoc';

type FacilitationSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A reaction as shown on screen: `key` is unique per event, `seenAt` is the local arrival time. */
export interface ShownReaction extends ReactionEvent {
  key: number;
  seenAt: number;
}

export interface Refusal {
  key: number;
  error: string;
  command: FacilitationCommand['type'];
}

export interface Facilitation {
  me: Principal;
  workshopId: string;
  token: string;
  status: ConnectionState;
  /** Null until the server sent it once; kept (last known) while offline. */
  state: PublicFacilitation | null;
  ballot: MyBallot | null;
  presence: PresenceEntry[];
  /** Latest facilitator view (follow-me): from `viewport` events, else from the state. */
  viewport: FacilitatorView | null;
  /** Server clock minus local clock, in ms. */
  offset: number;
  reactions: ShownReaction[];
  refusals: Refusal[];
  dismissRefusal: (key: number) => void;
  /** Sends a command; resolves with the server's acknowledgement (never rejects). */
  send: (cmd: FacilitationCommand) => Promise<Ack<unknown>>;
  /** Like `send`, and shows a translated toast when refused. */
  run: (cmd: FacilitationCommand) => Promise<Ack<unknown>>;
  following: boolean;
  setFollowing: (on: boolean) => void;
  /** This person drives the wall (the lead facilitator by default, or whoever it was handed to). */
  presenter: boolean;
  /** …and shares their view now: their canvas sends its viewport. */
  presenting: boolean;
  /** Facilitators: questions awaiting approval (the server sends them to facilitators only). */
  heldQuestions: HeldQuestion[];
}

const FacilitationContext = createContext<Facilitation | null>(null);

const REACTION_TTL_MS = 4500;
const COMMAND_TIMEOUT_MS = 10_000;
const RETRY_AFTER_REFUSED_HANDSHAKE_MS = 5000;

interface Props {
  workshopId: string;
  token: string;
  me: Principal;
  /** The server ended this session (participant removed, token revoked). */
  onEnded: (reason: string) => void;
  children: ReactNode;
}

/**
 * One socket.io connection per workshop session, shared by every view of the workshop (overview,
 * canvases, projector). It reconnects forever; the last known state stays shown while offline.
 */
export function FacilitationProvider({ workshopId, token, me, onEnded, children }: Props) {
  const [socket, setSocket] = useState<FacilitationSocket | null>(null);
  const [status, setStatus] = useState<ConnectionState>('connecting');
  const [state, setState] = useState<PublicFacilitation | null>(null);
  const [ballot, setBallot] = useState<MyBallot | null>(null);
  const [presence, setPresence] = useState<PresenceEntry[]>([]);
  const [liveViewport, setLiveViewport] = useState<FacilitatorView | null>(null);
  const [offset, setOffset] = useState(0);
  const [reactions, setReactions] = useState<ShownReaction[]>([]);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [following, setFollowing] = useState(false);
  const [heldQuestions, setHeldQuestions] = useState<HeldQuestion[]>([]);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;
  const counter = useRef(0);

  useEffect(() => {
    let cancelled = false;
    let close = () => {};
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = (io: typeof import('socket.io-client').io) => {
      const s: FacilitationSocket = io({
        auth: { token },
        transports: ['websocket'],
        reconnectionDelay: 1000,
        reconnectionDelayMax: 8000,
      });
      s.on('connect', () => setStatus('connected'));
      s.on('disconnect', () => setStatus('disconnected'));
      s.on('connect_error', (err) => {
        setStatus('disconnected');
        // A refused handshake (middleware error) is not retried by socket.io: retry ourselves, slowly.
        // "unauthorized" means the token is gone; the Yjs connection tells the gate the same thing.
        if (!s.active) {
          clearTimeout(retry);
          retry = setTimeout(() => s.connect(), RETRY_AFTER_REFUSED_HANDSHAKE_MS * (err.message.startsWith('unauthorized') ? 6 : 1));
        }
      });
      s.on('facilitation', (next) => {
        setOffset(next.serverNow - Date.now());
        setState(next);
        setLiveViewport(next.viewport);
      });
      s.on('ballot', setBallot);
      s.on('presence', setPresence);
      s.on('viewport', setLiveViewport);
      s.on('heldQuestions', setHeldQuestions);
      s.on('reaction', (r) => {
        const shown: ShownReaction = { ...r, key: ++counter.current, seenAt: Date.now() };
        setReactions((list) => [...list.filter((x) => Date.now() - x.seenAt < REACTION_TTL_MS).slice(-30), shown]);
      });
      s.on('session:ended', (reason) => {
        s.disconnect();
        onEndedRef.current(reason);
      });
      setSocket(s);
      close = () => {
        s.removeAllListeners();
        s.disconnect();
        setSocket(null);
      };
    };
    // The client library is a chunk of its own (the lobby never needs it); the workshop gate usually
    // started fetching it. Offline on a first visit it may be missing: tried again later.
    const load = () => {
      loadSocketIo().then(
        ({ io }) => {
          if (!cancelled) open(io);
        },
        () => {
          if (cancelled) return;
          setStatus('disconnected');
          retry = setTimeout(load, RETRY_AFTER_REFUSED_HANDSHAKE_MS);
        },
      );
    };
    load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      close();
    };
  }, [token]);

  // Reactions fade out on their own.
  useEffect(() => {
    if (reactions.length === 0) return;
    const id = setTimeout(() => setReactions((list) => list.filter((x) => Date.now() - x.seenAt < REACTION_TTL_MS)), 500);
    return () => clearTimeout(id);
  }, [reactions]);

  // After an offline period the browser knows before the backoff timer does.
  useEffect(() => {
    if (!socket) return;
    const onOnline = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [socket]);

  const send = useCallback(
    (cmd: FacilitationCommand): Promise<Ack<unknown>> => {
      // Commands are never buffered while offline: "+1 min" replayed a minute later would surprise.
      if (!socket?.connected) return Promise.resolve({ ok: false, error: 'offline', message: 'not connected' });
      return new Promise((resolve) => {
        socket.timeout(COMMAND_TIMEOUT_MS).emit('command', cmd, (err: Error | null, res: Ack<unknown>) => {
          resolve(err ? { ok: false, error: 'timeout', message: err.message } : res);
        });
      });
    },
    [socket],
  );

  const run = useCallback(
    async (cmd: FacilitationCommand) => {
      const ack = await send(cmd);
      if (!ack.ok) {
        const refusal: Refusal = { key: ++counter.current, error: ack.error, command: cmd.type };
        setRefusals((list) => [...list.slice(-2), refusal]);
      }
      return ack;
    },
    [send],
  );

  const dismissRefusal = useCallback((key: number) => setRefusals((list) => list.filter((r) => r.key !== key)), []);

  const presenter = state !== null && isPresenter(state, me);
  const presenting = presenter && state.presenting;

  const value = useMemo<Facilitation>(
    () => ({
      me,
      workshopId,
      token,
      status,
      state,
      ballot,
      presence,
      viewport: liveViewport,
      offset,
      reactions,
      refusals,
      dismissRefusal,
      send,
      run,
      following,
      setFollowing,
      presenter,
      presenting,
      heldQuestions,
    }),
    [
      me,
      workshopId,
      token,
      status,
      state,
      ballot,
      presence,
      liveViewport,
      offset,
      reactions,
      refusals,
      dismissRefusal,
      send,
      run,
      following,
      presenter,
      presenting,
      heldQuestions,
    ],
  );
  return <FacilitationContext.Provider value={value}>{children}</FacilitationContext.Provider>;
}

export function useFacilitation(): Facilitation {
  const value = useContext(FacilitationContext);
  if (!value) throw new Error('useFacilitation must be used inside <FacilitationProvider>');
  return value;
}

/** For components that also render outside a workshop session (none today, but cheap to allow). */
export const useOptionalFacilitation = (): Facilitation | null => useContext(FacilitationContext);
