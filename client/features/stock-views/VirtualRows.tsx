import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/** A window-scrolled virtual list: only the rows on screen are in the DOM (10,000-row views stay smooth). */
export function VirtualRows<T>({
  rows,
  rowKey,
  render,
  label,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  render: (row: T) => ReactNode;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => setOffset(ref.current?.offsetTop ?? 0), []);
  const v = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 44,
    overscan: 10,
    scrollMargin: offset,
    getItemKey: (i) => rowKey(rows[i]!),
  });
  return (
    <div ref={ref} className="stock-list" role="list" aria-label={label} style={{ height: v.getTotalSize(), position: "relative" }}>
      {v.getVirtualItems().map((item) => (
        <div
          key={item.key}
          role="listitem"
          data-index={item.index}
          ref={v.measureElement}
          className="stock-row view-row"
          style={{
            position: "absolute",
            top: 0,
            left: 0,
            width: "100%",
            transform: `translateY(${item.start - v.options.scrollMargin}px)`,
          }}
        >
          {render(rows[item.index]!)}
        </div>
      ))}
    </div>
  );
}
