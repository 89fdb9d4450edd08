// The run's cancellation: set once (Ctrl-C or SIGTERM), seen by `cancelled()` and by the running step.
export class Cancellation {
  #cancelled = false;
  #listeners = new Set<() => void>();

  get cancelled(): boolean {
    return this.#cancelled;
  }

  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    for (const l of [...this.#listeners]) l();
  }

  /** Calls `listener` when the run is cancelled (now, if it already is); returns the unsubscribe. */
  onCancel(listener: () => void): () => void {
    if (this.#cancelled) {
      listener();
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
