// The shell's public face: what capability modules import, and the shell's own module
// (home page, the "administration" menu group, shared words such as role names). Every module's
// menu and dictionary import this file, so all it re-exports is bundled into the first script
// every page loads: a component that brings antd parts the log-in and public pages do not show
// (FilePicker) is imported from its own file instead.
import { createElement, lazy } from 'react';
import { HomeOutlined, SettingOutlined } from '@ant-design/icons';
import messages from './messages';
import type { AppModule } from './modules';
import { ALL_ROLES } from './roles';

export { api, ApiError, isApiError, isAbort, buildUrl } from './api';
export type { Query, RequestOptions } from './api';
export { useAuth, useMe } from './auth';
export { applyFieldErrors, errorText, isStale, useReportError } from './errors';
export { chineseNames, defineMessages, nameIn, useI18n } from './i18n';
export type { Lang, Messages, Translate } from './i18n';
export type { AppModule, HeaderWidget, ItemPage, LoginLink, MenuEntry, MenuGroup, RouteEntry, WorklistEntry } from './modules';
export { itemPath, useRegistry, visibleMenu } from './modules';
export { ALL_ROLES, ROLES, ROLE_COLORS, hasAnyRole } from './roles';
export type { Role } from './roles';
export type { ListResponse, Me } from './types';
export { useLoad, type Loaded } from './useLoad';
export { beijingToday } from './dates';
export { LanguageSwitch } from './LanguageSwitch';
export { fileProblem, fileType, refusedFilesText, sendFiles } from './files';

/** Menu group for the back-office pages (regions, offices, people, calendar, …). */
export const ADMIN_GROUP = 'admin';

export const shellModule: AppModule = {
  id: 'shell',
  messages,
  routes: [{ path: '/', roles: ALL_ROLES, component: lazy(() => import('./HomePage')) }],
  menu: [{ key: 'home', path: '/', labelKey: 'menu.home', icon: createElement(HomeOutlined), roles: ALL_ROLES, order: 0 }],
  menuGroups: [{ key: ADMIN_GROUP, labelKey: 'menu.group.admin', icon: createElement(SettingOutlined), order: 900 }],
};
