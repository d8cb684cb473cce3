/**
 * The run's budget: before each call, the cost already spent, plus an estimate for every call in
 * flight, plus this call's estimate, must stay within the limit. A call that would exceed it is not
 * issued; the run then ends partial with a clear message.
 */
export class Budget {
  readonly limitUsd: number | null;
  private spent: number;
  private reserved = 0;
  private exhausted = false;

  constructor(limitUsd: number | null, alreadySpentUsd: number) {
    this.limitUsd = limitUsd;
    this.spent = alreadySpentUsd;
  }

  /** Reserves `estimateUsd` for a call; false (and no reservation) when it would exceed the limit. */
  reserve(estimateUsd: number): boolean {
    if (this.limitUsd === null) {
      this.reserved += estimateUsd;
      return true;
    }
    if (this.spent + this.reserved + estimateUsd > this.limitUsd + 1e-9) {
      this.exhausted = true;
      return false;
    }
    this.reserved += estimateUsd;
    return true;
  }

  /** Settles a reservation with what the call really cost (0 for a failed call). */
  settle(estimateUsd: number, actualUsd: number): void {
    this.reserved = Math.max(0, this.reserved - estimateUsd);
    this.spent += actualUsd;
  }

  get spentUsd(): number {
    return Math.round(this.spent * 1e6) / 1e6;
  }

  /** True once a call was refused for lack of budget. */
  get stopped(): boolean {
    return this.exhausted;
  }
}
