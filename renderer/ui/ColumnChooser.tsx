import type { Column, GridApi } from 'ag-grid-community';
import { useState } from 'react';

/** Show or hide columns (AG Grid Community has no column tool panel); the layout hook saves it. */
export function ColumnChooser<T>({ api, testId }: { api: GridApi<T> | null; testId: string }) {
  const [open, setOpen] = useState(false);
  const [, setVersion] = useState(0);
  const columns = (api?.getColumns() ?? []).filter((column: Column) => column.getColDef().headerName);
  return (
    <div className="column-chooser">
      <button type="button" aria-expanded={open} onClick={() => setOpen((value) => !value)} disabled={!api} data-testid={`${testId}-columns`}>
        Columns ▾
      </button>
      {open && (
        <div className="menu" role="menu" onMouseLeave={() => setOpen(false)}>
          {columns.map((column) => (
            <label key={column.getColId()} className="checkbox" role="menuitemcheckbox" aria-checked={column.isVisible()}>
              <input
                type="checkbox"
                checked={column.isVisible()}
                onChange={(event) => {
                  api?.setColumnsVisible([column], event.target.checked);
                  setVersion((version) => version + 1);
                }}
              />
              {column.getColDef().headerName}
            </label>
          ))}
          <button type="button" className="link small" onClick={() => {
            api?.resetColumnState();
            setVersion((version) => version + 1);
          }}>
            Reset layout
          </button>
        </div>
      )}
    </div>
  );
}
