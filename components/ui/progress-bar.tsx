import { percent } from "@/lib/format";

/** A labelled bar: the numbers are always in the text, the bar only helps the eye. */
export function ProgressBar({ value, max, label, text }: { value: number; max: number; label: string; text?: string }) {
  const share = percent(value, max);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${value} of ${max} (${share}%)`}
      >
        <div className="progress-fill" style={{ width: `${share}%` }} />
      </div>
      <span className="progress-text">{text ?? `${value} of ${max} · ${share}%`}</span>
    </div>
  );
}
