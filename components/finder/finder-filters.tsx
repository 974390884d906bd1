import Form from "next/form";
import type { FinderView } from "./types";
import styles from "./finder.module.css";

/**
 * The slice and the cycle, as a plain GET form: it works before JavaScript,
 * and every view has an address of its own. "Everyone" sends an empty value,
 * which the page drops from the address. The cycle stays in the address
 * only when it was chosen, so a plain link always shows the newest cycle.
 */
export function FinderFilters({ view, pinnedCycleId }: { view: FinderView; pinnedCycleId?: string }) {
  const { options, filters, cycles, cycle } = view;
  return (
    <Form action="/finder" className={styles.filters} aria-label="Filters">
      {cycles.length > 1 && cycle && (
        <div className={`field ${styles.cycleField}`}>
          <label htmlFor="finder-cycle">Cycle</label>
          <select id="finder-cycle" name="cycle" className="input" defaultValue={cycle.id}>
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {cycles.length <= 1 && pinnedCycleId && <input type="hidden" name="cycle" value={pinnedCycleId} />}
      <FilterSelect
        name="department"
        label="Department"
        value={filters.department}
        options={options.departments.map((d) => [d, d])}
      />
      <FilterSelect
        name="level"
        label="Level"
        value={filters.level?.toString()}
        options={options.levels.map((l) => [String(l), `Level ${l}`])}
      />
      <FilterSelect
        name="location"
        label="Location"
        value={filters.location}
        options={options.locations.map((l) => [l, l])}
      />
      <div className={styles.filterActions}>
        <button type="submit" className="button">
          Show
        </button>
      </div>
    </Form>
  );
}

/** One filter: "Everyone" (an empty value) or one of the values the cycle has. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: [value: string, label: string][];
}) {
  return (
    <div className="field">
      <label htmlFor={`finder-${name}`}>{label}</label>
      <select id={`finder-${name}`} name={name} className="input" defaultValue={value ?? ""}>
        <option value="">Everyone</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
