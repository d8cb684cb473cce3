import type { ProviderErrorKind } from "../../core/errors.ts";

/**
 * Which Gemini stop and block reasons leave no usable answer, and what kind of failure each is.
 * An HTTP 200 can still hold no answer: the prompt was blocked (`promptFeedback.blockReason`) or the
 * candidate stopped for a reason other than `STOP` (enum `FinishReason` in `@google/genai` 3.3).
 *
 * - `refused`: the model or Google's filters would not answer (safety, recitation, prohibited
 *   content, an unsupported language ...). Asking again gives the same result, and spec §7 keeps
 *   it out of n instead of counting it as "not mentioned".
 * - `auth`: `PUP_LIMITED_DISABLED` means the account itself is limited for policy violations, so no
 *   further call of this engine can succeed this run (an engine-fatal kind, like a revoked key).
 * - `bad-response`: a truncated (`MAX_TOKENS`), unfinished (`CONTINUATION` not followed) or
 *   malformed answer, or a reason this table does not know.
 */

export interface Failure {
  kind: ProviderErrorKind;
  message: string;
}

const refusedFinishReasons: ReadonlySet<string> = new Set([
  "SAFETY",
  "RECITATION",
  "LANGUAGE",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
  "MODEL_ARMOR",
  "ESCALATION",
]);

const accountFinishReasons: ReadonlySet<string> = new Set(["PUP_LIMITED_DISABLED"]);

function detail(message: string | null | undefined): string {
  const m = message?.trim();
  return m ? `: ${m.slice(0, 300)}` : "";
}

/**
 * The failure a candidate's finish reason stands for, or null when the answer is complete.
 * A missing reason is accepted when no continuation is pending: non-streamed bodies always carry
 * one in practice, and refusing an otherwise whole answer over it would lose data.
 */
export function finishFailure(
  reason: string | null | undefined,
  finishMessage: string | null | undefined,
  continuationPending: boolean,
): Failure | null {
  if (reason === "STOP") return null;
  if (reason === undefined || reason === null) {
    return continuationPending
      ? { kind: "bad-response", message: "answer incomplete: a continuation was pending" }
      : null;
  }
  if (refusedFinishReasons.has(reason)) {
    return { kind: "refused", message: `answer stopped by ${reason}${detail(finishMessage)}` };
  }
  if (accountFinishReasons.has(reason)) {
    return { kind: "auth", message: `account limited (${reason})${detail(finishMessage)}` };
  }
  if (reason === "MAX_TOKENS") {
    return { kind: "bad-response", message: "answer truncated at the output token limit (MAX_TOKENS)" };
  }
  if (reason === "CONTINUATION") {
    return { kind: "bad-response", message: "answer incomplete: CONTINUATION without a follow-up response" };
  }
  return { kind: "bad-response", message: `answer stopped by ${reason}${detail(finishMessage)}` };
}

/** A blocked prompt is a refusal whatever the reason (`SAFETY`, `OTHER`, `PROHIBITED_CONTENT` ...). */
export function blockFailure(blockReason: string, message: string | null | undefined): Failure {
  return { kind: "refused", message: `prompt blocked (${blockReason})${detail(message)}` };
}
