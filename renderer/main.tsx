import './styles/app.css';
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  CsvExportModule,
  ExternalFilterModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RowApiModule,
  RowAutoHeightModule,
  RowSelectionModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
} from 'ag-grid-community';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// AG Grid 34+ ships features as modules: register exactly the ones Parley's grids use.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  TextEditorModule,
  SelectEditorModule,
  TextFilterModule,
  NumberFilterModule,
  QuickFilterModule,
  RowApiModule,
  RowAutoHeightModule,
  RowSelectionModule,
  CsvExportModule,
  ExternalFilterModule,
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
