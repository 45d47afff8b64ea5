/**
 * One query for many requests asking the same thing at once, without ever answering a request with
 * a read older than the request itself.
 *
 * Requests of one group (the ranking's fingerprint of one period, say) gather in an open batch.
 * The batch is sent when nothing of its group is being read, or when it holds `slots` distinct
 * items; a request that arrives while its group's query is under way waits for the next query,
 * which is sent only after that one ends. So every request is answered by a query sent after it
 * arrived: a logout or a write committed before the request is seen, as with a query of its own.
 * Under load the batches grow by themselves (a hundred connections, one query per database round
 * trip instead of a hundred), and alone a request is sent at once, as before.
 *
 * Written here rather than with the `dataloader` package: DataLoader sends a batch per event-loop
 * tick whatever is under way, so a slow database gets more queries, not fewer; waiting for the
 * group's query in flight is what makes the batches adapt.
 */
export class Coalescer<Item, Answer> {
  private readonly groups = new Map<string, { running: number; open: Batch<Item, Answer> | null }>();

  /**
   * @param slots distinct items one query can answer
   * @param read one query for a group's distinct items, answering each in order
   */
  constructor(
    private readonly slots: number,
    private readonly read: (items: Item[]) => Promise<Answer[]>,
  ) {}

  /** `item`'s answer; `same` names the item within its group, so equal items share a slot. */
  load(group: string, same: string, item: Item): Promise<Answer> {
    let state = this.groups.get(group);
    if (!state) {
      state = { running: 0, open: null };
      this.groups.set(group, state);
    }
    state.open ??= new Map();
    const batch = state.open;
    const answer = new Promise<Answer>((resolve, reject) => {
      const entry = batch.get(same);
      if (entry) entry.waiters.push({ resolve, reject });
      else batch.set(same, { item, waiters: [{ resolve, reject }] });
    });
    if (state.running === 0 || batch.size >= this.slots) this.send(group, state);
    return answer;
  }

  private send(group: string, state: { running: number; open: Batch<Item, Answer> | null }): void {
    const batch = state.open!;
    state.open = null;
    state.running += 1;
    const entries = [...batch.values()];
    // The read is started in the next microtask, so a read that throws at once settles the batch too.
    void Promise.resolve()
      .then(() => this.read(entries.map((e) => e.item)))
      .then(
        (answers) => entries.forEach((e, i) => e.waiters.forEach((w) => w.resolve(answers[i]!))),
        (error: unknown) => entries.forEach((e) => e.waiters.forEach((w) => w.reject(error))),
      )
      .finally(() => {
        state.running -= 1;
        if (state.open && state.running === 0) this.send(group, state);
        else if (!state.open && state.running === 0) this.groups.delete(group);
      });
  }
}

type Batch<Item, Answer> = Map<string, { item: Item; waiters: { resolve: (a: Answer) => void; reject: (e: unknown) => void }[] }>;
