/** A time of day to the minute, in the browser's own zone and manner ("14:05"): when a draft was saved. */
export function clockTime(date: Date): string {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
