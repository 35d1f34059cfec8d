/**
 * A numeric keypad with big keys (gloves): digits, clear, backspace, and −1/+1 either side of the
 * figure. `fresh`: the figure shown is the previous count, so the first digit replaces it.
 */
const MAX_DIGITS = 7;

export function Keypad({
  value,
  fresh,
  onChange,
  onStep,
}: {
  value: string;
  fresh: boolean;
  onChange: (v: string) => void;
  onStep: (delta: number) => void;
}) {
  const press = (d: string) => {
    const next = (fresh ? "" : value) + d;
    onChange(String(Number(next.slice(0, MAX_DIGITS))));
  };
  return (
    <div className="keypad" role="group" aria-label="Quantity keypad">
      <div className="keypad-figure">
        <button type="button" className="big step" aria-label="Minus one" onClick={() => onStep(-1)}>
          −
        </button>
        <output aria-label="Counted quantity" data-testid="keypad-value" className={fresh ? "fresh" : ""}>
          {value}
        </output>
        <button type="button" className="big step" aria-label="Plus one" onClick={() => onStep(1)}>
          +
        </button>
      </div>
      <div className="keypad-keys">
        {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => (
          <button key={d} type="button" className="big key" onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="big key secondary" aria-label="Clear" onClick={() => onChange("0")}>
          C
        </button>
        <button type="button" className="big key" onClick={() => press("0")}>
          0
        </button>
        <button
          type="button"
          className="big key secondary"
          aria-label="Delete last digit"
          onClick={() => onChange(fresh ? "0" : value.slice(0, -1) || "0")}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
