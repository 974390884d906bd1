import type { BadgeTone } from "../ui/badge";
import { plural } from "@/lib/format";
import type { NominationStatus } from "@/lib/vocabulary";

/** Where a subject's choice of peers stands against the cycle's limits. */
export interface PeerProgress {
  /** "3 of at least 3 (max 8)" */
  summary: string;
  /** What to do next, in a sentence. */
  advice: string;
  /** No more can be chosen until one is removed. */
  full: boolean;
  /** At least the minimum is chosen. */
  enough: boolean;
}

export function describePeerProgress({
  chosen,
  minPeers,
  maxPeers,
  perspective = "subject",
}: {
  chosen: number;
  minPeers: number;
  maxPeers: number;
  perspective?: "subject" | "manager";
}): PeerProgress {
  const summary =
    minPeers > 0 ? `${chosen} of at least ${minPeers} (max ${maxPeers})` : `${chosen} chosen (max ${maxPeers})`;
  const full = chosen >= maxPeers;
  const enough = chosen >= minPeers;
  const you = perspective === "subject";
  let advice: string;
  if (full) {
    advice = you
      ? `You have chosen the most this cycle allows. Remove someone to choose another.`
      : `They have the most this cycle allows. Reject or remove one to add another.`;
  } else if (!enough) {
    advice = you ? `Choose ${minPeers - chosen} more.` : `${plural(minPeers - chosen, "more peer")} needed.`;
  } else {
    advice = you
      ? `That is enough. You can add up to ${maxPeers - chosen} more.`
      : `Enough peers. Up to ${maxPeers - chosen} more can be added.`;
  }
  return { summary, advice, full, enough };
}

/** A manager's one-glance state of a direct report: what waits for them first. */
export function describeMemberState({
  proposed,
  approved,
  minPeers,
}: {
  proposed: number;
  approved: number;
  minPeers: number;
}): [string, BadgeTone] {
  if (proposed > 0) return [`${proposed} to decide`, "warning"];
  if (approved < minPeers) return [`${minPeers - approved} more needed`, "info"];
  return ["Ready", "success"];
}

export const subjectStatusLabel: Record<NominationStatus, [string, BadgeTone]> = {
  proposed: ["Waiting for approval", "info"],
  approved: ["Approved", "success"],
  rejected: ["Not approved by your manager", "neutral"],
};

export const managerStatusLabel: Record<NominationStatus, [string, BadgeTone]> = {
  proposed: ["Proposed", "warning"],
  approved: ["Approved", "success"],
  rejected: ["Rejected", "neutral"],
};
