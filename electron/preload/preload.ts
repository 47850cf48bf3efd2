/** The sandboxed preload: exposes the allowlisted desktop API (desktop-api.ts) through contextBridge. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { desktopApi } from './desktop-api';

contextBridge.exposeInMainWorld('parleyDesktop', desktopApi(ipcRenderer, webUtils));
