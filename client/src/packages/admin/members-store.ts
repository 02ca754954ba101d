// The console's members section: the search (keyword, what it searches by, pages appended by "加载更多"), the member
// selected (its page: admin.memberDetail, and its points or growth history), freezing or unfreezing it with a reason,
// and staff notes. Each confirmation keeps one request id until it settles, so a retry after an uncertain answer
// (network, conflict) freezes or notes once.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds, newRequestId } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type MemberSearch = Output<'admin', 'searchMembers'>;
export type MemberRow = MemberSearch['items'][number];
export type MemberDetail = Output<'admin', 'memberDetail'>;
export type LedgerKind = 'points' | 'growth';
export type LedgerPage = Output<'admin', 'memberLedger'>;
export type SearchBy = 'auto' | 'memberNo' | 'phone' | 'nickname';

export type MemberForm = 'search' | 'freeze' | 'note';

export interface MemberQuery { keyword: string; searchBy: SearchBy }

export interface MembersState {
  query: MemberQuery | null;
  results: Slot<MemberSearch>;
  /** Loading the next page of results (appended). */
  more: ActionSlot<MemberSearch>;
  selected: string | null;
  detail: Slot<MemberDetail>;
  ledgerKind: LedgerKind;
  ledger: Slot<LedgerPage>;
  moreLedger: ActionSlot<LedgerPage>;
  freeze: ActionSlot<Output<'admin', 'freezeMember'>>;
  note: ActionSlot<Output<'admin', 'addMemberNote'>>;
  /** A refusal found before sending (an empty keyword, a short reason), with the form it is about. */
  formError: { form: MemberForm; message: string } | null;
  search: (keyword: string, searchBy?: SearchBy) => Promise<void>;
  loadMore: () => Promise<void>;
  /** Opens a member's page: its detail and the first page of its points history. */
  select: (memberNo: string) => Promise<void>;
  showLedger: (kind: LedgerKind) => Promise<void>;
  loadMoreLedger: () => Promise<void>;
  /** Resolves true when it was done (the form may be cleared). */
  setFrozen: (frozen: boolean, reason: string) => Promise<boolean>;
  addNote: (text: string) => Promise<boolean>;
  reset: () => void;
}

export function createMembersStore(call: CallFn) {
  return createStore<MembersState>()((set, get, api) => {
    const results = createResource(field(api, 'results'), (q: MemberQuery) =>
      call('admin', 'searchMembers', { keyword: q.keyword, ...(q.searchBy === 'auto' ? {} : { searchBy: q.searchBy }) }));
    const more = createAction(field(api, 'more'), { fresh: true });
    const detail = createResource(field(api, 'detail'), (memberNo: string) => call('admin', 'memberDetail', { memberNo }));
    const ledger = createResource(field(api, 'ledger'), (p: { memberNo: string; kind: LedgerKind }) => call('admin', 'memberLedger', p));
    const moreLedger = createAction(field(api, 'moreLedger'), { fresh: true });
    const freeze = createAction(field(api, 'freeze'), { fresh: true });
    const note = createAction(field(api, 'note'), { fresh: true });
    const freezeIds = createRequestIds(() => newRequestId('fz'));
    const noteIds = createRequestIds(() => newRequestId('nt'));

    /** The row of the member in the results, as a write left the member. */
    const patchRow = (memberNo: string, patch: Partial<MemberRow>) => {
      const shown = get().results.data;
      if (!shown) return;
      set({ results: { ...get().results, data: { ...shown, items: shown.items.map((r) => (r.memberNo === memberNo ? { ...r, ...patch } : r)) } } });
    };

    return {
      query: null,
      results: idle(),
      more: ready(),
      selected: null,
      detail: idle(),
      ledgerKind: 'points',
      ledger: idle(),
      moreLedger: ready(),
      freeze: ready(),
      note: ready(),
      formError: null,

      search(keyword, searchBy = 'auto') {
        const trimmed = keyword.trim();
        if (!trimmed) {
          set({ formError: { form: 'search', message: '请输入会员号、手机号或昵称' } });
          return Promise.resolve();
        }
        const query = { keyword: trimmed, searchBy };
        set({ query, formError: null });
        more.reset();
        return results.load(query);
      },

      async loadMore() {
        const { query, results: shown } = get();
        const cursor = shown.data?.nextCursor;
        if (!query || !cursor) return;
        const page = await more.run(() => call('admin', 'searchMembers', { keyword: query.keyword, ...(query.searchBy === 'auto' ? {} : { searchBy: query.searchBy }), cursor }));
        const now = get().results.data;
        if (!page || !now || get().query !== query) return;
        set({ results: { ...get().results, data: { ...page, items: [...now.items, ...page.items] } } });
      },

      select(memberNo) {
        if (get().selected !== memberNo) {
          for (const a of [freeze, note, moreLedger]) a.reset();
          freezeIds.reset();
          noteIds.reset();
          detail.reset();
          ledger.reset();
        }
        set({ selected: memberNo, ledgerKind: 'points', formError: null });
        return Promise.all([detail.load(memberNo), ledger.load({ memberNo, kind: 'points' })]).then(() => undefined);
      },

      showLedger(kind) {
        const memberNo = get().selected;
        if (!memberNo) return Promise.resolve();
        moreLedger.reset();
        set({ ledgerKind: kind });
        return ledger.load({ memberNo, kind });
      },

      async loadMoreLedger() {
        const { selected: memberNo, ledgerKind: kind, ledger: shown } = get();
        const cursor = shown.data?.nextCursor;
        if (!memberNo || !cursor) return;
        const page = await moreLedger.run(() => call('admin', 'memberLedger', { memberNo, kind, cursor }));
        const now = get().ledger.data;
        if (!page || !now || get().selected !== memberNo || get().ledgerKind !== kind) return;
        set({ ledger: { ...get().ledger, data: { items: [...now.items, ...page.items], nextCursor: page.nextCursor } } });
      },

      async setFrozen(frozen, reason) {
        const memberNo = get().selected;
        const text = reason.trim();
        if (!memberNo) return false;
        if (text.length < 2) {
          set({ formError: { form: 'freeze', message: frozen ? '请填写冻结原因（至少 2 个字）' : '请填写解冻原因（至少 2 个字）' } });
          return false;
        }
        set({ formError: null });
        const key = `${memberNo}:${frozen ? 1 : 0}:${text}`;
        const done = await freeze.run(() => freezeIds.send(key, (requestId) => call('admin', 'freezeMember', { memberNo, frozen, reason: text, requestId })));
        if (!done) return false;
        patchRow(memberNo, { frozen: done.frozen !== null });
        const shown = get().detail.data;
        if (shown && get().selected === memberNo) set({ detail: { ...get().detail, data: { ...shown, frozen: done.frozen } } });
        return true;
      },

      async addNote(text) {
        const memberNo = get().selected;
        const body = text.trim();
        if (!memberNo) return false;
        if (!body) {
          set({ formError: { form: 'note', message: '请填写备注内容' } });
          return false;
        }
        if (body.length > 200) {
          set({ formError: { form: 'note', message: '备注内容不能超过 200 个字' } });
          return false;
        }
        set({ formError: null });
        const done = await note.run(() => noteIds.send(`${memberNo}:${body}`, (requestId) => call('admin', 'addMemberNote', { memberNo, text: body, requestId })));
        if (!done) return false;
        const shown = get().detail.data;
        if (shown && get().selected === memberNo && !shown.notes.some((n) => n.id === done.note.id)) {
          set({ detail: { ...get().detail, data: { ...shown, notes: [done.note, ...shown.notes] } } });
        }
        return true;
      },

      reset() {
        for (const r of [results, detail, ledger]) r.reset();
        for (const a of [more, moreLedger, freeze, note]) a.reset();
        freezeIds.reset();
        noteIds.reset();
        set({ query: null, selected: null, ledgerKind: 'points', formError: null });
      },
    };
  });
}

export const membersStore = createMembersStore(cloudCall);
onSessionReset(() => membersStore.getState().reset());

export function useMembers<T>(selector: (state: MembersState) => T): T {
  return useStore(membersStore, selector);
}
