import * as Y from 'yjs';
import { commandProjectId, facilitationCommand, PARTICIPANT_COMMANDS } from '../../shared/commands';
import { agendaProjectIds } from '../../shared/agenda';
import { type FacilitationState, type HeldQuestion, type MyBallot, initialFacilitation, publicFacilitation } from '../../shared/facilitation';
import { newId } from '../../shared/ids';
import {
  addQuestion,
  clearNotes,
  deleteQuestion,
  recordVoteResults,
  revealNotes,
  setQuestionAnswered,
  setQuestionHidden,
  toggleQuestionUpvote,
} from '../../shared/operations';
import { CloseCode, REMOVED_REASON, type Ack, type CommandError, type Principal } from '../../shared/protocol';
import { privateRoomPrefix, projectRoom, workshopRoom } from '../../shared/rooms';
import { readNotes, readWorkshop } from '../../shared/schema';
import { firstIssue } from '../../shared/validate';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { Room } from '../sync/Room';
import type { RoomManager } from '../sync/RoomManager';
import { applyCommand, type CommandContext, type Effect } from './applyCommand';
import { CommandLimiter } from './commandLimits';

/** How the service reaches connected clients; implemented over socket.io (and later its Redis adapter). */
export interface FacilitationBroadcaster {
  state(workshopId: string, state: ReturnType<typeof publicFacilitation>): void;
  ballot(workshopId: string, userId: string, ballot: MyBallot | null): void;
  /** The same ballot to everyone in the workshop who may vote (a round opened, closed or was cancelled). */
  ballotAll(workshopId: string, ballot: MyBallot | null): void;
  viewport(workshopId: string, effect: Extract<Effect, { type: 'viewport' }>['view']): void;
  reaction(workshopId: string, reaction: { userId: string; name: string; reaction: string; at: number }): void;
  /** Ends every socket of that person with a reason. */
  endSessionOf(workshopId: string, userId: string, reason: string): void;
  /** Ends every session of a deleted workshop, on every node (sockets and document connections). */
  endWorkshop(workshopId: string): void;
  /** Questions awaiting approval, to the workshop's facilitators only. */
  heldQuestions(workshopId: string, held: HeldQuestion[]): void;
  /** Tells the other server nodes (if any) that a workshop's state changed, so they refresh caches. */
  peers(workshopId: string, stateJson: string): void;
}

const parseState = (json: string | null): FacilitationState =>
  json ? { ...initialFacilitation(), ...(JSON.parse(json) as FacilitationState) } : initialFacilitation();

/**
 * Shortest time between two broadcasts of a workshop's state (at most 20 a second): changes in
 * between (hands raised and lowered, dots placed) go out together in the next one, with the latest
 * state, instead of one full state to everyone per command.
 */
export const STATE_BROADCAST_INTERVAL_MS = 50;

/** Room the server counts for a write it makes into a document, beyond the text it carries. */
const WRITE_OVERHEAD_BYTES = 256;

/** An effect the server could not carry out for a reason the sender must hear (not a fault). */
class EffectRefused extends Error {
  constructor(
    readonly code: CommandError,
    message: string,
  ) {
    super(message);
  }
}

/** Writes into a project document, counted against its size limit first (like a client's update). */
function writeCounted(room: Room, bytes: number, write: (doc: Y.Doc) => void): void {
  if (!room.reserveBytes(bytes)) throw new EffectRefused('document_too_large', 'this project has reached its size limit');
  write(room.doc);
}

/**
 * Owns the facilitation state of each workshop: loads it from storage, runs commands one at a time
 * per workshop (so two facilitators clicking at once cannot interleave), persists, broadcasts, and
 * carries out effects on the documents.
 */
export class FacilitationService {
  private readonly states = new Map<string, FacilitationState>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly limiter = new CommandLimiter();
  /** Per workshop: when its state was last broadcast, and the broadcast already due, if any. */
  private readonly broadcasts = new Map<string, { at: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly deps: {
      storage: Storage;
      rooms: RoomManager;
      broadcaster: FacilitationBroadcaster;
      log: Logger;
      now: () => number;
    },
  ) {}

  /** The state, loading it on first use. */
  async state(workshopId: string): Promise<FacilitationState> {
    const cached = this.states.get(workshopId);
    if (cached) return cached;
    const json = await this.deps.storage.registry.loadFacilitation(workshopId);
    const state = this.states.get(workshopId) ?? parseState(json);
    this.states.set(workshopId, state);
    return state;
  }

  /** Another node changed this workshop's state: take it as ours (it was stored by that node). */
  adopt(workshopId: string, stateJson: string): void {
    if (this.states.has(workshopId)) this.states.set(workshopId, parseState(stateJson));
  }

  /** Forgets a deleted workshop's state and closes this node's rooms of it. */
  async forgetWorkshop(workshopId: string): Promise<void> {
    this.states.delete(workshopId);
    this.queues.delete(workshopId);
    const due = this.broadcasts.get(workshopId)?.timer;
    if (due) clearTimeout(due);
    this.broadcasts.delete(workshopId);
    await this.deps.rooms.dropRooms((n) => n === workshopId || n.startsWith(`${workshopId}.`), CloseCode.workshopDeleted, 'workshop deleted');
  }

  /** Closes this node's document connections of someone removed (on any node). */
  closeDocumentsOf(workshopId: string, userId: string): void {
    this.deps.rooms.closeConnectionsOf(workshopId, userId, CloseCode.unauthorized, REMOVED_REASON);
  }

  /** The state if loaded (synchronous, for the per-update write check of the sync endpoint). */
  loadedState(workshopId: string): FacilitationState | null {
    return this.states.get(workshopId) ?? null;
  }

  publicState(workshopId: string): Promise<ReturnType<typeof publicFacilitation>> {
    return this.state(workshopId).then((s) => publicFacilitation(s, this.deps.now()));
  }

  async heldQuestions(workshopId: string): Promise<HeldQuestion[]> {
    return (await this.state(workshopId)).heldQuestions;
  }

  async ballotOf(workshopId: string, userId: string): Promise<MyBallot | null> {
    const vote = (await this.state(workshopId)).vote;
    if (vote?.status !== 'open') return null;
    const votes = vote.ballots[userId] ?? {};
    const used = Object.values(votes).reduce((a, b) => a + b, 0);
    return { roundId: vote.id, votes, remaining: vote.budget - used };
  }

  /** Parses and runs one command from a client; never throws (the answer says what went wrong). */
  run(actor: Principal, raw: unknown): Promise<Ack<unknown>> {
    const parsed = facilitationCommand.safeParse(raw);
    if (!parsed.success) {
      const { message } = firstIssue(parsed.error);
      return Promise.resolve({ ok: false, error: 'invalid', message });
    }
    const command = parsed.data;
    if (!this.limiter.take(`${actor.workshopId}\u0000${actor.userId}`, command.type, this.deps.now())) {
      return Promise.resolve({ ok: false, error: 'rate_limited', message: `too many ${command.type} commands: wait a moment` });
    }
    const projectId = actor.role === 'facilitator' || PARTICIPANT_COMMANDS.has(command.type) ? commandProjectId(command) : null;
    return this.serialize(actor.workshopId, async (): Promise<Ack<unknown>> => {
      if (projectId !== null && !(await this.projectExists(actor.workshopId, projectId))) {
        return { ok: false, error: 'unknown_project', message: `this workshop has no project ${projectId}` };
      }
      if (command.type === 'agenda.set') {
        for (const id of agendaProjectIds(command.days)) {
          if (!(await this.projectExists(actor.workshopId, id))) return { ok: false, error: 'unknown_project', message: `this workshop has no project ${id}` };
        }
      }
      if (command.type === 'participant.remove') {
        // Without accounts the creator's token is the workshop's only master key: a co-facilitator
        // cannot take it away.
        const target = await this.deps.storage.registry.getParticipant(actor.workshopId, command.userId);
        if (target?.origin === 'creator') return { ok: false, error: 'forbidden', message: 'the workshop creator cannot be removed' };
      }
      let target: CommandContext['target'] = null;
      if (command.type === 'presenter.set' && command.userId !== null) {
        const person = await this.deps.storage.registry.getParticipant(actor.workshopId, command.userId);
        if (person) target = { userId: person.userId, name: person.name, role: person.role, revoked: person.revokedAt !== null };
      }
      // Read, apply and store in one storage transaction: with several nodes, the stored state is
      // the truth and another node may have changed it since our cache was filled.
      const { outcome, json, before } = await this.deps.storage.registry.transactFacilitation(actor.workshopId, (stored) => {
        const before = parseState(stored);
        const outcome = applyCommand(before, actor, command, { now: this.deps.now(), newId: () => newId(), target });
        const json = outcome.ok && outcome.state !== before ? JSON.stringify(outcome.state) : null;
        return { json, result: { outcome, json, before } };
      });
      if (!outcome.ok) {
        this.states.set(actor.workshopId, before);
        return { ok: false, error: outcome.error, message: outcome.message };
      }
      this.states.set(actor.workshopId, outcome.state);
      if (json !== null) this.deps.broadcaster.peers(actor.workshopId, json);
      let refused: EffectRefused | null = null;
      for (const effect of outcome.effects) {
        try {
          await this.carryOut(actor, effect);
        } catch (err) {
          if (!(err instanceof EffectRefused)) throw err;
          refused ??= err;
        }
      }
      if (json !== null && !outcome.quiet) this.broadcastState(actor.workshopId);
      if (outcome.state.heldQuestions !== before.heldQuestions) this.deps.broadcaster.heldQuestions(actor.workshopId, outcome.state.heldQuestions);
      if (command.type === 'vote.cast') {
        this.deps.broadcaster.ballot(actor.workshopId, actor.userId, await this.ballotOf(actor.workshopId, actor.userId));
      } else if (command.type === 'vote.open' || command.type === 'vote.close' || command.type === 'vote.cancel') {
        // A new round: everyone's ballot is empty; a closed or cancelled one: nobody has a ballot.
        const vote = outcome.state.vote;
        const fresh = vote?.status === 'open' ? { roundId: vote.id, votes: {}, remaining: vote.budget } : null;
        this.deps.broadcaster.ballotAll(actor.workshopId, fresh);
      }
      return refused ? { ok: false, error: refused.code, message: refused.message } : { ok: true, data: outcome.data };
    }).catch((err: unknown) => {
      this.deps.log.error(`facilitation command ${command.type} failed`, err);
      return { ok: false, error: 'internal', message: 'the server could not carry out this command' };
    });
  }

  private projectExists(workshopId: string, projectId: string): Promise<boolean> {
    return this.deps.rooms.withRoom(workshopRoom(workshopId), (room) => readWorkshop(room.doc).projects.some((p) => p.id === projectId));
  }

  /** Broadcasts the workshop's state now, or with the next due broadcast if one went out just now. */
  private broadcastState(workshopId: string): void {
    const last = this.broadcasts.get(workshopId);
    if (last?.timer) return;
    const wait = (last?.at ?? -Infinity) + STATE_BROADCAST_INTERVAL_MS - this.deps.now();
    if (wait <= 0) return this.sendState(workshopId);
    const timer = setTimeout(() => this.sendState(workshopId), wait);
    timer.unref();
    this.broadcasts.set(workshopId, { at: last!.at, timer });
  }

  private sendState(workshopId: string): void {
    const now = this.deps.now();
    this.broadcasts.set(workshopId, { at: now, timer: null });
    const state = this.states.get(workshopId);
    if (state) this.deps.broadcaster.state(workshopId, publicFacilitation(state, now));
  }

  private serialize<T>(workshopId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(workshopId) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.queues.set(
      workshopId,
      next.catch(() => undefined),
    );
    return next;
  }

  private async carryOut(actor: Principal, effect: Effect): Promise<void> {
    const { rooms, broadcaster } = this.deps;
    const workshopId = actor.workshopId;
    switch (effect.type) {
      case 'viewport':
        broadcaster.viewport(workshopId, effect.view);
        return;
      case 'reaction':
        broadcaster.reaction(workshopId, { userId: effect.userId, name: effect.name, reaction: effect.reaction, at: this.deps.now() });
        return;
      case 'recordVotes':
        // Results are never dropped (the round is closed already): counted, and over the limit only logged.
        await rooms.withRoom(projectRoom(workshopId, effect.results.projectId), (room) => {
          if (!room.reserveBytes(JSON.stringify(effect.results).length + WRITE_OVERHEAD_BYTES))
            this.deps.log.warn(`room ${room.name}: vote results written past the document limit`);
          recordVoteResults(room.doc, effect.results);
        });
        return;
      case 'reveal':
        await this.reveal(workshopId, effect.projectId, effect.anonymous);
        return;
      case 'removeParticipant':
        await this.deps.storage.registry.revokeParticipant(workshopId, effect.userId);
        this.closeDocumentsOf(workshopId, effect.userId);
        broadcaster.endSessionOf(workshopId, effect.userId, 'removed');
        return;
      case 'addQuestion':
        await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) =>
          writeCounted(room, Buffer.byteLength(effect.text) + Buffer.byteLength(effect.authorName) + WRITE_OVERHEAD_BYTES, (doc) =>
            addQuestion(doc, {
              id: effect.questionId,
              text: effect.text,
              authorId: effect.authorId,
              authorName: effect.authorName,
              askedAt: effect.askedAt,
              anonymous: effect.anonymous,
            }),
          ),
        );
        return;
      case 'upvoteQuestion':
        await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) =>
          writeCounted(room, WRITE_OVERHEAD_BYTES, (doc) => toggleQuestionUpvote(doc, effect.questionId, effect.userId)),
        );
        return;
      case 'answerQuestion':
        await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) =>
          writeCounted(room, WRITE_OVERHEAD_BYTES, (doc) => setQuestionAnswered(doc, effect.questionId, effect.answered)),
        );
        return;
      case 'hideQuestion': {
        const found = await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) => setQuestionHidden(room.doc, effect.questionId, effect.hidden));
        if (!found) throw new EffectRefused('invalid', 'this project has no such question');
        return;
      }
      case 'deleteQuestion': {
        const found = await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) => deleteQuestion(room.doc, effect.questionId));
        if (!found) throw new EffectRefused('invalid', 'this project has no such question');
        return;
      }
    }
  }

  /**
   * Moves every private draft of a project into its shared canvas, then empties the drafts. Each
   * person's drafts count against the canvas's size limit: drafts that would not fit stay private
   * (and the facilitator is told).
   */
  private async reveal(workshopId: string, projectId: string, anonymous: boolean): Promise<void> {
    const { rooms, storage } = this.deps;
    const prefix = privateRoomPrefix(workshopId, projectId);
    const names = new Set([...(await storage.docs.listRooms(prefix)), ...rooms.loadedNames().filter((n) => n.startsWith(prefix))]);
    let kept = 0;
    for (const name of names) {
      const { drafts, bytes } = await rooms.withRoom(name, (room) => ({ drafts: readNotes(room.doc), bytes: Y.encodeStateAsUpdate(room.doc).byteLength }));
      if (drafts.length === 0) continue;
      const revealed = await rooms.withRoom(projectRoom(workshopId, projectId), (room) => {
        if (!room.reserveBytes(bytes + WRITE_OVERHEAD_BYTES)) return false;
        revealNotes(room.doc, drafts, { anonymous });
        return true;
      });
      if (!revealed) kept++;
      else await rooms.withRoom(name, (room) => clearNotes(room.doc));
    }
    if (kept > 0) throw new EffectRefused('document_too_large', `the canvas is full: the drafts of ${kept} people stay private`);
  }
}
