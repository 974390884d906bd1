import { describePeerProgress } from "./peer-progress";

/**
 * Peers chosen out of the most allowed, with a tick at the minimum. The words
 * (`3 of at least 3 (max 8)`) are always beside it; the bar only helps the eye.
 */
export function PeerProgressBar({
  chosen,
  minPeers,
  maxPeers,
  label,
}: {
  chosen: number;
  minPeers: number;
  maxPeers: number;
  label: string;
}) {
  const { summary } = describePeerProgress({ chosen, minPeers, maxPeers });
  const share = (n: number) => (maxPeers > 0 ? Math.min(100, Math.round((n / maxPeers) * 100)) : 0);
  return (
    <div
      className="progress-track"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={maxPeers}
      aria-valuenow={Math.min(chosen, maxPeers)}
      aria-valuetext={summary}
      style={{ position: "relative", flex: "none", height: "0.75rem", overflow: "visible" }}
    >
      <div className="progress-fill" style={{ width: `${share(chosen)}%`, borderRadius: 999 }} />
      {minPeers > 0 && minPeers < maxPeers && (
        <div
          aria-hidden="true"
          title={`At least ${minPeers}`}
          style={{
            position: "absolute",
            top: "-0.2rem",
            bottom: "-0.2rem",
            left: `calc(${share(minPeers)}% - 1px)`,
            width: 2,
            background: "var(--ink)",
          }}
        />
      )}
    </div>
  );
}
