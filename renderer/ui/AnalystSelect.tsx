import type { ReactElement } from 'react';

/** The toolbar's analyst filter, shared by the grids and the history: '' means every analyst. */
export function AnalystSelect(props: {
  analysts: readonly { id: string; name: string }[];
  value: string;
  onChange: (analystId: string) => void;
  testId: string;
  title?: string;
}): ReactElement {
  return (
    <select aria-label="Analyst" title={props.title} value={props.value} onChange={(event) => props.onChange(event.target.value)} data-testid={props.testId}>
      <option value="">Every analyst</option>
      {props.analysts.map((analyst) => (
        <option key={analyst.id} value={analyst.id}>
          {analyst.name}
        </option>
      ))}
    </select>
  );
}
