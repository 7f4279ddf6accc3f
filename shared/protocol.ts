import type { FacilitatorView, HeldQuestion, MyBallot, PublicFacilitation } from './facilitation';
import type { Community, JoinRole, Role } from './schema';

/**
 * The wire contract between client and server, declared once and imported by both ends.
 */

// ---- HTTP API ---------------------------------------------------------------------------------

/** Who a token stands for. The server derives it at the upgrade / handshake; clients never claim it. */
export interface Principal {
  userId: string;
  workshopId: string;
  name: string;
  role: Role;
  community: Community | null;
  /** The workshop's creator, its lead facilitator (the default presenter of the wall). */
  lead?: boolean;
}

/** How a token came to exist: the workshop's creator, a link a facilitator made, or a join with the code. */
export type ParticipantOrigin = 'creator' | 'link' | 'join';

export const canWrite = (role: Role): boolean => role !== 'viewer';
/** Whether the role edits a board's content (notes, clusters, images); partners only declare interest. */
export const canEditBoard = (role: Role): boolean => canWrite(role) && role !== 'partner';
export const canFacilitate = (role: Role): boolean => role === 'facilitator';

/** POST /api/workshops */
export interface CreateWorkshopRequest {
  title: string;
  name?: string;
  /** Starts from a template: `regards-croises` (the programme's three themes) or `blank` (default). */
  template?: 'blank' | 'regards-croises';
}
export interface CreateWorkshopResponse {
  id: string;
  joinCode: string;
  facilitatorToken: string;
  userId: string;
}

/** POST /api/workshops/:id/join */
export interface JoinRequest {
  joinCode: string;
  name: string;
  role: JoinRole;
  community?: Community;
  /**
   * A random id this browser keeps (localStorage). Someone removed by a facilitator cannot join again
   * with the same one until re-admitted; clearing the browser's storage gives a new one.
   */
  deviceId?: string;
}
export interface JoinResponse {
  token: string;
  userId: string;
}

/** POST /api/workshops/:id/tokens (facilitators): `{role: 'facilitator' | 'viewer', name}` */
export interface CreateTokenRequest {
  role: 'facilitator' | 'viewer';
  name: string;
}
export interface CreateTokenResponse {
  token: string;
  userId: string;
}

/** GET /api/join-codes/:code — resolves a code read off the projector to a workshop. */
export interface JoinCodeResponse {
  workshopId: string;
  title: string;
  /** The facilitator closed joining: the form says so before anyone types a name. */
  locked: boolean;
}

/** GET /api/workshops/:id (Authorization: Bearer <token>) */
export interface WorkshopInfoResponse {
  id: string;
  title: string;
  /** The code to hand out (shown by facilitators and the projector wall). */
  joinCode: string;
  me: Principal;
  /** How this token came to exist (a co-facilitator link is asked to choose a name). */
  origin: ParticipantOrigin;
  /** When this token stops working (workshop setting), or null. */
  expiresAt: number | null;
}

/** POST /api/workshops/:id/tickets: a short-lived ticket to open one Yjs room (the `token` URL parameter). */
export interface TicketRequest {
  room: string;
}
export interface TicketResponse {
  ticket: string;
  expiresAt: number;
}

/** GET / PUT /api/workshops/:id/settings (facilitators): how long tokens live, how the Yjs endpoint admits. */
export interface WorkshopSettingsBody {
  /** Tokens other than the creator's stop working this many hours after they were issued; null: never. */
  tokenLifetimeHours: number | null;
  /** The Yjs endpoint refuses long-lived tokens in its URL (stock clients must fetch tickets). */
  ticketsOnly: boolean;
}

/** GET /api/workshops/:id/people (facilitators): everyone ever admitted, for the links and removals lists. */
export interface PersonInfo {
  userId: string;
  name: string;
  role: Role;
  community: Community | null;
  origin: ParticipantOrigin;
  createdAt: number;
  /** Removed / revoked at; null while the token works. */
  revokedAt: number | null;
  /** Removed, and joins from the browser they joined with are refused until re-admitted. */
  refusedAtDoor: boolean;
  expiresAt: number | null;
}
export interface PeopleResponse {
  people: PersonInfo[];
}

/** PUT /api/workshops/:id/me: a co-facilitator chooses the name shown to others. */
export interface RenameRequest {
  name: string;
}

/** GET /api/workshops/:id/projects/:projectId/drafts (facilitators): private drafts per person, before revealing. */
export interface DraftCountsResponse {
  drafts: { userId: string; name: string; count: number }[];
}

/** Every HTTP error has this body. `field` names the offending input field on a 400. */
export interface ApiError {
  error: string;
  message: string;
  field?: string;
}

// ---- Yjs endpoint -----------------------------------------------------------------------------

/** Path prefix of the y-websocket endpoint: `ws://HOST/yjs/<room>?token=...`. */
export const YJS_PATH = '/yjs';

/**
 * Top-level message types of the y-websocket protocol (first varuint of every frame).
 * Same numbers as the stock `y-websocket` client.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Croisée's own (the stock client never sends it): a page sends `[100, n]` after its changes and
   * the server answers `[100, n]` once everything that connection sent before is stored. The page
   * can then tell "saved" from "handed to the socket" (a stalled connection, a storage outage).
   */
  stored: 100,
} as const;

/**
 * Close codes of the Yjs endpoint. The stock y-websocket client (v3) treats 4400–4499 as permanent
 * (it stops reconnecting) and reconnects on anything else, so the numbers carry that meaning.
 * Refusals before the upgrade are plain HTTP statuses (401, 403, 404) instead.
 */
export const CloseCode = {
  /** A frame that is not a well-formed y-websocket message, or an update Yjs cannot read. */
  badMessage: 4400,
  /** The token stopped being valid (participant removed). */
  unauthorized: 4401,
  /** The document limit was reached. */
  documentTooLarge: 4413,
  /** Too many messages too fast; the client may reconnect after backing off. */
  rateLimited: 4529,
  /** The workshop was deleted by its facilitator. */
  workshopDeleted: 4410,
  /** The room's stored data could not be loaded (damaged storage): retrying will not help. */
  roomUnavailable: 4424,
  /** The server is shutting down; reconnect shortly. */
  serverRestarting: 4503,
  /** An unexpected server fault while handling this connection. */
  internalError: 4500,
  /**
   * Storing the room's latest changes failed, so they were shared with nobody; reconnect (the
   * client then sends again what the server lacks).
   */
  storageFailed: 4507,
  /** Set by `ws` itself when a frame exceeds the server's maxPayload. */
  messageTooBig: 1009,
} as const;
export type CloseCodeName = keyof typeof CloseCode;

/**
 * Reason sent with an auth (type 2) "permission denied" message when a read-only connection sends
 * content. The connection stays open: a projector must keep receiving.
 */
export const READ_ONLY_REASON = 'read-only';

/** Reason of the 4401 close sent to someone removed (or whose link was revoked), so clients can say so. */
export const REMOVED_REASON = 'removed from the workshop';
/** Reason of the 4401 close when the workshop's token lifetime ran out for this connection's token. */
export const EXPIRED_REASON = 'token_expired';

// ---- socket.io (facilitation) -----------------------------------------------------------------

/**
 * Why the server refused a command (`Ack.error`): `invalid` (malformed), `forbidden` (not your
 * role), `conflict` (not in the current state), `budget_exhausted` / `cap_reached` (votes),
 * `rate_limited` (too many commands: wait a moment), `unknown_project` (the command names a project
 * the workshop does not have), `document_too_large` (the project's document is at its size limit),
 * `internal` (a server fault).
 */
export const COMMAND_ERRORS = [
  'invalid',
  'forbidden',
  'conflict',
  'budget_exhausted',
  'cap_reached',
  'rate_limited',
  'unknown_project',
  'document_too_large',
  'internal',
] as const;
export type CommandError = (typeof COMMAND_ERRORS)[number];

/**
 * Acknowledgement of every client → server command. From the server, `error` is a `CommandError`;
 * the client also makes its own (`offline`, `timeout`) for commands that got no answer.
 */
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: CommandError | (string & {}); message: string };

export interface SessionInfo {
  me: Principal;
  workshopId: string;
}

/** One person in the presence list (several tabs of one person count once). */
export interface PresenceEntry {
  userId: string;
  name: string;
  role: Role;
  community: Community | null;
}

export interface ReactionEvent {
  userId: string;
  name: string;
  reaction: string;
  /** Server time. */
  at: number;
}

export interface ServerToClientEvents {
  /** The workshop's facilitation state, sent on connection and after every change. */
  facilitation: (state: PublicFacilitation) => void;
  /** Your own ballot in the open vote round (null when no round is open). */
  ballot: (ballot: MyBallot | null) => void;
  /** Who is connected to the workshop. */
  presence: (people: PresenceEntry[]) => void;
  /** The facilitator's viewport, for follow-me (throttled by the facilitator's client). */
  viewport: (view: FacilitatorView) => void;
  reaction: (reaction: ReactionEvent) => void;
  /** Sent when the server ends this participant's access (removed, workshop deleted). */
  'session:ended': (reason: string) => void;
  /** Facilitators only: questions awaiting approval (on connection and after each change). */
  heldQuestions: (held: HeldQuestion[]) => void;
}

export interface ClientToServerEvents {
  'session:whoami': (ack: (res: Ack<SessionInfo>) => void) => void;
  /** A `FacilitationCommand` (shared/commands.ts); the server parses it, so it is typed unknown here. */
  command: (command: unknown, ack: (res: Ack<unknown>) => void) => void;
}

/** socket.io handshake: `io(url, { auth: { token } })`. */
export interface HandshakeAuth {
  token: string;
}

// ---- awareness (presence) ---------------------------------------------------------------------

/**
 * What each client publishes in Yjs awareness on a canvas. The server overwrites `user.id`,
 * `user.name`, `user.role` and `user.community` with the authenticated identity, so nobody can
 * pose as someone else; `color` and `cursor` are the client's own.
 */
export interface AwarenessUser {
  id: string;
  name: string;
  role: Role;
  community: Community | null;
  color: string;
}
export interface AwarenessState {
  user: AwarenessUser;
  /** Pointer position in canvas units, or null when the pointer is off the canvas. */
  cursor: { x: number; y: number } | null;
  /** The note whose text this person is editing (others see a marker in their colour), or null. */
  editing?: string | null;
  /** Their caret or selection in that note's text, as Yjs relative positions (JSON), drawn by the others. */
  caret?: { note: string; anchor: unknown; head: unknown } | null;
}
