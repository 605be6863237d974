/**
 * The audit open on screen. Every change is written to the device at once (one Dexie
 * transaction with its outbox entry); while a write is in flight the next change waits and
 * the latest values go in the following write, so a burst of keystrokes costs a few commits,
 * not one each. No change is ever held only in memory: each also goes at once into the typing
 * journal (typing-journal.ts), a blind write that IndexedDB runs beside the audit's, needs no
 * answer from the page to land, and is written again when the page is hidden or left; the next
 * open (or start) folds it in. A failed write keeps the values on screen, says "not saved", and
 * retries.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowReactive, shallowRef, watch } from 'vue';
import type { Subscription } from 'dexie';
import { liveQuery } from 'dexie';
import type { Answer, Answers } from '../../shared/framework/answer-schema';
import { sameAnswer } from '../../shared/sync/merge-answers';
import type { Framework } from '../../shared/framework/framework-schema';
import type { AllocationDocument } from '../../shared/sync/protocol';
import { frameworkId, type ConflictRecord, type LocalAudit } from '../db/lantern-db';
import { saveAuditChange, type AuditChange } from '../db/save-answers';
import { dropTypingJournal, foldTypingJournal, journalKey, writeTypingJournal } from '../db/typing-journal';
import { onBeforeReload } from '../pwa/service-worker-updates';
import { useDeviceStore } from './device-store';
import { useSessionStore } from './session-store';
import { stampAuthor, withoutAuthor } from '../../shared/sync/answered-by';
import { DEFAULT_AGENCY } from '../../shared/accounts/agency-names';

export type SaveState = 'saved' | 'saving' | 'not-saved';

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];
/** The pause in typing after which the typing journal's covered record is cleared. */
const JOURNAL_DROP_MS = 1_000;

export function saveFailureMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error))) {
    return 'This device is out of storage space, so your latest changes are NOT saved yet. They are still on screen. Free up space on the device, or export your audits, and Lantern will keep trying.';
  }
  return 'Your latest changes are NOT saved on this device yet. They are still on screen; Lantern keeps trying. Do not close this page.';
}

/** Whether two reads of an audit record are the same version (cheap fields that change on every write). */
function sameRecord(a: LocalAudit, b: LocalAudit): boolean {
  return (
    a.localUpdatedAt === b.localUpdatedAt &&
    a.rev === b.rev &&
    a.queuedMutationId === b.queuedMutationId &&
    a.snapshot.status === b.snapshot.status &&
    a.returnedNote === b.returnedNote &&
    JSON.stringify(a.rejection) === JSON.stringify(b.rejection) &&
    Object.keys(a.snapshot.answers).length === Object.keys(b.snapshot.answers).length
  );
}

/** This page load, as the typing journal and `typedSeqs` know it. */
const TAB_ID = typeof crypto !== 'undefined' ? crypto.randomUUID() : 'tab';

export const useAuditEditorStore = defineStore('audit-editor', () => {
  const device = useDeviceStore();
  const auditId = ref<string | null>(null);
  const allocation = shallowRef<AllocationDocument | null>(null);
  const framework = shallowRef<Framework | null>(null);
  const stored = shallowRef<LocalAudit | null>(null);
  const conflicts = shallowRef<ConflictRecord[]>([]);
  const loaded = ref(false);
  /**
   * Why the form cannot show, decided from what the device holds now and again whenever that
   * changes: a case that reaches the device after the page opened (the first sync after a
   * start, a cleared checkpoint's full pull) opens the form in place; never a final verdict
   * taken from the first read alone.
   */
  const missing = computed<string | null>(() => {
    if (!loaded.value) return null;
    if (!allocation.value && !stored.value) return 'This case is not allocated to you on this device.';
    if (!framework.value)
      // A sync under way may be bringing it (a first download comes page by page): say so, not
      // "connect", to someone who is connected.
      return device.status === 'syncing'
        ? 'The audit form for this case is still downloading. It opens here as soon as it arrives.'
        : 'The audit form for this case is not on this device yet. Connect to the network once so Lantern can download it.';
    return null;
  });
  /** The framework version the open audit needs: its allocation's, else its own record's. */
  const frameworkKey = computed<string | null>(() => {
    const a = allocation.value;
    if (a) return frameworkId(a.frameworkKey, a.frameworkVersion);
    const local = stored.value;
    return local ? frameworkId(local.snapshot.frameworkKey, local.snapshot.frameworkVersion) : null;
  });

  /**
   * Changes not yet committed to the device, newest value per item. `pendingView` is the same
   * map for the screen, published with every change to `stored` (and, for a change that starts
   * a write, once the write's requests are issued: see setAnswer): the form always renders the
   * newest typed value — were it to render the last *saved* value while a write is in flight,
   * Vue would reset a text box under the typist's fingers and drop the characters typed meanwhile.
   */
  let pending: AuditChange['answers'] = {};
  const pendingView = shallowRef<AuditChange['answers']>({});
  /** A write just started for the latest change: publish `pending` once its writes are issued. */
  let publishOnIssue = false;
  const pendingStatus = shallowRef<Pick<AuditChange, 'status' | 'completedAt'> | null>(null);
  const saveState = ref<SaveState>('saved');
  const saveError = ref<string | null>(null);
  let writing: Promise<void> | null = null;
  /** This tab's change counter, and the latest change put in the typing journal (0: none). */
  let seq = 0;
  let journaledSeq = 0;
  /** The latest change of this tab that a save has committed into the audit. */
  let committedSeq = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let dropTimer: ReturnType<typeof setTimeout> | undefined;
  let subscriptions: Subscription[] = [];

  /**
   * What the form shows: the stored answers with those not yet committed on top. Kept item by
   * item (a shallow reactive object, changed only where an answer really changed), so a
   * keystroke re-renders the one item typed in, not the whole form.
   */
  const answers = shallowReactive<Answers>({});
  watch(
    [stored, pendingView],
    () => {
      const merged: Answers = { ...(stored.value?.snapshot.answers ?? {}) };
      for (const [key, answer] of Object.entries(pendingView.value)) {
        if (answer === null) delete merged[key];
        else merged[key] = answer;
      }
      for (const key of Object.keys(answers)) if (!(key in merged)) delete answers[key];
      for (const [key, answer] of Object.entries(merged)) {
        const shown = answers[key];
        if (shown !== answer && !sameAnswer(shown, answer)) answers[key] = answer;
      }
    },
    { flush: 'sync' },
  );
  const status = computed(() => pendingStatus.value?.status ?? stored.value?.snapshot.status ?? 'draft');
  const readOnly = computed(() => status.value === 'submitted');

  function close(): void {
    subscriptions.forEach((s) => s.unsubscribe());
    subscriptions = [];
    frameworkSubscription?.unsubscribe();
    frameworkSubscription = null;
    stopFrameworkWatch?.();
    stopFrameworkWatch = null;
    clearTimeout(retryTimer);
    clearTimeout(dropTimer);
  }

  let frameworkSubscription: Subscription | null = null;
  let stopFrameworkWatch: (() => void) | null = null;
  /** Follow the framework the audit needs, as it is now and whenever it arrives or changes. */
  function followFramework(db: NonNullable<typeof device.db>): void {
    stopFrameworkWatch?.();
    stopFrameworkWatch = watch(frameworkKey, (key) => {
      frameworkSubscription?.unsubscribe();
      frameworkSubscription = null;
      if (!key) {
        framework.value = null;
        return;
      }
      frameworkSubscription = liveQuery(() => db.frameworks.get(key)).subscribe((value) => {
        if (frameworkKey.value === key) framework.value = value?.framework ?? null;
      });
    });
  }

  async function open(id: string): Promise<void> {
    const db = device.db;
    if (!db) return;
    if (auditId.value !== id) {
      await flush();
      close();
      auditId.value = id;
      pending = {};
      pendingView.value = {};
      pendingStatus.value = null;
      journaledSeq = 0;
      committedSeq = 0;
      saveState.value = 'saved';
      loaded.value = false;
      stored.value = null; // never the previous audit's record under this one's id
    }
    // Words another page load typed behind a write and could not save before it went.
    await foldTypingJournal(db, id);
    allocation.value = (await db.allocations.get(id)) ?? null;
    const local = await db.audits.get(id);
    // The record as read now (the live query below keeps it current); a newer one of this tab stands.
    if (local && !(stored.value && stored.value.localUpdatedAt > local.localUpdatedAt)) stored.value = local;
    const key = frameworkKey.value;
    framework.value = key ? ((await db.frameworks.get(key))?.framework ?? null) : null;
    followFramework(db);
    subscriptions.push(
      liveQuery(() => db.allocations.get(id)).subscribe((value) => {
        if (auditId.value === id) allocation.value = value ?? null;
      }),
      liveQuery(() => db.audits.get(id)).subscribe((value) => {
        // This tab's own writes are already on screen: re-rendering the whole form for the same
        // record again would only slow the next keystroke.
        if (value && stored.value && sameRecord(value, stored.value)) return;
        // A read that started before this tab's latest write may land after it: never step back.
        if (value && stored.value && value.localUpdatedAt < stored.value.localUpdatedAt) return;
        publishPending(); // re-rendering from a new record must show the newest typed values too
        stored.value = value ?? null;
      }),
      liveQuery(() => db.conflicts.where('auditId').equals(id).toArray()).subscribe((value) => {
        conflicts.value = value;
      }),
    );
    loaded.value = true;
  }

  function newSnapshot() {
    const a = allocation.value;
    if (!a || !auditId.value) throw new Error('No allocation for this audit');
    return {
      snapshot: {
        id: auditId.value,
        caseId: a.caseId,
        frameworkKey: a.frameworkKey,
        frameworkVersion: a.frameworkVersion,
        status: 'draft' as const,
        answers: {},
        completedAt: null,
      },
    };
  }

  async function writePending(): Promise<void> {
    const db = device.db;
    const id = auditId.value;
    if (!db || !id) return;
    const answersToWrite = pending;
    const statusToWrite = pendingStatus.value;
    const seqToWrite = seq;
    if (Object.keys(answersToWrite).length === 0 && !statusToWrite) return;
    try {
      const { audit: saved, committedAt } = await saveAuditChange(db, {
        auditId: id,
        change: {
          answers: answersToWrite,
          ...(statusToWrite ?? {}),
          typed: { tabId: TAB_ID, seq: seqToWrite },
        },
        create: newSnapshot,
        newId: () => crypto.randomUUID(),
        now: Date.now(),
        onIssued: publishWhenIssued,
      });
      // Show what was written at once: waiting for the live query would flash the old answer.
      if (auditId.value === id) stored.value = saved;
      // Durable: tell anyone listening when it became so (the benchmark times keystrokes to it).
      window.dispatchEvent(new CustomEvent('lantern:saved', { detail: { auditId: id, at: committedAt } }));
      if (auditId.value === id) committedSeq = Math.max(committedSeq, seqToWrite);
      // Only what was written leaves `pending`; anything typed meanwhile stays for the next write.
      const rest = { ...pending };
      for (const [key, value] of Object.entries(answersToWrite)) if (rest[key] === value) delete rest[key];
      pending = rest;
      publishPending();
      if (pendingStatus.value === statusToWrite) pendingStatus.value = null;
      failures = 0;
      saveError.value = null;
    } catch (error) {
      publishPending(); // what was typed stays on screen
      console.error(
        'Saving the audit on this device failed:',
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
      saveState.value = 'not-saved';
      saveError.value = saveFailureMessage(error);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void save(), RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
      failures++;
      throw error;
    }
  }

  /** The screen's view of what is not committed yet catches up with `pending`. */
  function publishPending(): void {
    publishOnIssue = false;
    pendingView.value = pending;
  }
  function publishWhenIssued(): void {
    if (publishOnIssue) publishPending();
  }

  /** Write what is pending now; one write at a time, the next picks up whatever arrived meanwhile. */
  function save(): Promise<void> {
    if (writing) return writing;
    // "Saving…" only if a write takes noticeably long: no flicker on every keystroke.
    const slow = setTimeout(() => {
      if (writing && saveState.value !== 'not-saved') saveState.value = 'saving';
    }, 150);
    writing = (async () => {
      try {
        while (Object.keys(pending).length > 0 || pendingStatus.value) await writePending();
        saveState.value = 'saved';
        dropJournalIfCovered();
      } catch {
        // Reported through saveState/saveError; the retry timer tries again.
      } finally {
        clearTimeout(slow);
        writing = null;
        // Whatever happened to the write, the screen's state is never left behind.
        if (publishOnIssue) publishPending();
      }
    })();
    return writing;
  }

  async function flush(): Promise<void> {
    if (writing) await writing;
    if (Object.keys(pending).length > 0 || pendingStatus.value) await save();
  }

  /**
   * One change from the form. The write starts first, so its read reaches IndexedDB before
   * anything else runs; the screen's state (`pendingView`) follows once the writes are issued,
   * while IndexedDB commits (the typed character is on screen already, natively). Were the
   * re-render to run first, the browser would paint the next frame before the read's answer
   * and the commit would land a frame later. When no write starts now (one is in flight, or
   * writes are failing) the screen's state follows at once.
   */
  function setAnswer(itemKey: string, answer: Answer | null, keepAuthor = false): void {
    if (readOnly.value) return;
    pending = { ...pending, [itemKey]: keepAuthor || !answer ? answer : signed(answer) };
    seq++;
    const starts = !writing;
    publishOnIssue = starts;
    void save().then(() => device.requestSoonSync());
    // Then the typing journal: a blind write, issued now, beside the save (after its read, so
    // the save goes out first). It is what survives when the page goes before the save lands,
    // and all that holds the change while it waits behind a save in flight.
    journalPending();
    if (!starts) publishPending();
  }

  /**
   * In a joint audit every answer says who gave it (docs/JOINT-AUDITS.md): the answer typed here
   * is signed with the signed-in person, whoever answered the item before.
   */
  function signed(answer: Answer): Answer {
    if (!allocation.value?.joint) return answer;
    const me = useSessionStore().person;
    if (!me) return answer;
    return stampAuthor(withoutAuthor(answer), {
      personId: me.id,
      name: me.name,
      agency: me.agency ?? DEFAULT_AGENCY,
    });
  }

  /**
   * A burst of saves ended with the journal's words in the audit: the journal record goes, once
   * typing has paused. Cleared after every save, it cost a transaction (a read and a delete) and
   * a parse of its mirror per keystroke, on the main thread the next keystroke needs; the next
   * keystroke overwrites the record anyway, and a record left behind is only ever folded in
   * where it is newer than the audit (typing-journal.ts), so waiting loses nothing.
   */
  function dropJournalIfCovered(): void {
    clearTimeout(dropTimer);
    const id = auditId.value;
    dropTimer = setTimeout(() => {
      const db = device.db;
      if (!db || !id || auditId.value !== id || writing) return;
      if (journaledSeq === 0 || journaledSeq > committedSeq) return;
      journaledSeq = 0;
      dropTypingJournal(db, id, TAB_ID, committedSeq).catch((error: unknown) => {
        console.error('Clearing the typing journal failed (it is folded in on the next open):', error);
      });
    }, JOURNAL_DROP_MS);
  }

  /**
   * Put everything not yet committed into the typing journal now: its requests are issued before
   * this returns, so they commit even when the page is gone a moment later.
   */
  function journalPending(): void {
    const db = device.db;
    const id = auditId.value;
    if (!db || !id || !db.isOpen() || Object.keys(pending).length === 0) return;
    if (journaledSeq === seq) return; // this very state is in the journal already
    journaledSeq = seq;
    writeTypingJournal(db, {
      id: journalKey(id, TAB_ID),
      auditId: id,
      tabId: TAB_ID,
      seq,
      answers: pending,
      at: Date.now(),
    }).catch((error: unknown) => {
      // The audit's own write reports "not saved" and retries; this is the belt to its braces.
      console.error('Writing the typing journal failed:', error);
      journaledSeq = 0;
    });
  }

  /** The page is being hidden or left: what is pending goes to the device now. */
  function leaving(): void {
    journalPending();
    if (Object.keys(pending).length > 0 || pendingStatus.value) void save();
  }

  async function submit(completedAt: string): Promise<boolean> {
    pendingStatus.value = { status: 'submitted', completedAt };
    await save();
    if (pendingStatus.value) return false;
    device.syncNow();
    return true;
  }

  async function resolveConflict(conflict: ConflictRecord, keep: 'mine' | 'theirs'): Promise<void> {
    const db = device.db;
    if (!db) return;
    const chosen = keep === 'mine' ? conflict.mine : conflict.theirs;
    // The other auditor's answer, chosen, stays theirs; mine is signed as mine.
    setAnswer(conflict.itemKey, chosen, keep === 'theirs');
    await flush();
    if (saveState.value === 'saved') await db.conflicts.delete(conflict.id);
  }

  onBeforeReload(flush);
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') leaving();
    });
    // beforeunload comes first on a reload or navigation, while the page still runs; pagehide
    // last, when closing a tab. Neither is awaited: the journal's requests are out already.
    window.addEventListener('beforeunload', leaving);
    window.addEventListener('pagehide', leaving);
  }

  return {
    auditId,
    allocation,
    framework,
    stored,
    conflicts,
    loaded,
    missing,
    answers,
    status,
    readOnly,
    saveState,
    saveError,
    open,
    close,
    setAnswer,
    flush,
    submit,
    resolveConflict,
  };
});
