import type { BadgeTone } from "./badge";
import type { CycleStatus } from "@/lib/vocabulary";

export const relationshipLabel = {
  self: "Self-review",
  manager: "As their manager",
  peer: "As a peer",
  direct_report: "As their direct report",
} as const;

export const requestStateLabel: Record<"not_started" | "draft" | "submitted" | "declined", [string, BadgeTone]> = {
  not_started: ["Not started", "warning"],
  draft: ["Draft saved", "info"],
  submitted: ["Submitted", "success"],
  declined: ["Declined", "neutral"],
};

export const cycleStatusLabel: Record<CycleStatus, [string, BadgeTone]> = {
  draft: ["Draft", "neutral"],
  nominating: ["Nominating peers", "info"],
  collecting: ["Collecting feedback", "accent"],
  closed: ["Closed", "warning"],
  published: ["Published", "success"],
};
